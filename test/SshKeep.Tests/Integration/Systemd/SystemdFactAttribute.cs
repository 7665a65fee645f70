using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>A [Fact] that runs only where a <see cref="ThrowawaySystemd"/> can boot (root, systemd,
/// util-linux, iproute2, overlayfs, cgroup2) and sshd can run inside it.</summary>
public sealed class SystemdFactAttribute() : RequiresFactAttribute(Needs.Systemd | Needs.Sshd);
