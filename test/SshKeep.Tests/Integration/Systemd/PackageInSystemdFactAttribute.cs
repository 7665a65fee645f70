using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Tests.Packaging;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>A [Fact] that needs a <see cref="ThrowawaySystemd"/> with sshd and the built packages
/// (<see cref="BuiltPackages"/>); skipped with the first reason that applies.</summary>
public sealed class PackageInSystemdFactAttribute : FactAttribute
{
    public PackageInSystemdFactAttribute()
    {
        if ((Requirements.WhyNot(Needs.Systemd | Needs.Sshd) ?? BuiltPackages.WhyNot) is { } reason) Skip = reason;
    }
}
