namespace SshKeep.Tests.Packaging;

/// <summary>The [Theory] twin of <see cref="BuiltPackageFactAttribute"/>.</summary>
public sealed class BuiltPackageTheoryAttribute : TheoryAttribute
{
    public BuiltPackageTheoryAttribute()
    {
        if (BuiltPackages.WhyNot is { } reason) Skip = reason;
    }
}
