namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>The [Theory] twin of <see cref="RequiresFactAttribute"/>.</summary>
public class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(Needs needs)
    {
        Needs = needs;
        if (Requirements.WhyNot(needs) is { } reason) Skip = reason;
    }

    public Needs Needs { get; }
}
