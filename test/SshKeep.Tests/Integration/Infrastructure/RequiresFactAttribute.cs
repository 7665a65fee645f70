namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// A [Fact] that is skipped, with the reason, when the machine lacks what it needs. xunit 2 has
/// no dynamic skip, but it reads <see cref="FactAttribute.Skip"/> after constructing the
/// attribute, so setting it here decides at discovery time.
/// </summary>
public class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(Needs needs)
    {
        Needs = needs;
        if (Requirements.WhyNot(needs) is { } reason) Skip = reason;
    }

    public Needs Needs { get; }
}
