namespace SshKeep.Tests.Packaging;

/// <summary>A [Fact] that runs only when <see cref="BuiltPackages.Variable"/> names the built packages.</summary>
public sealed class BuiltPackageFactAttribute : FactAttribute
{
    public BuiltPackageFactAttribute()
    {
        if (BuiltPackages.WhyNot is { } reason) Skip = reason;
    }
}
