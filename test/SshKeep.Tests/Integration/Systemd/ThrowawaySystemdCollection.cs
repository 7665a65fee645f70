namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// The real-systemd tier runs one test at a time: each machine is isolated (namespaces, its own
/// cgroup), but two at once on CI's two cores would only slow each other down, and `systemctl
/// start`'s bound is measured on a quiet machine. The service tests share one machine with
/// sshkeep and sshd in it (<see cref="SshkeepMachineFixture"/>, booted once for the collection):
/// each test has its own tunnels file, unit, ports and accounts, and removes them in its finally.
/// Tests that need a fresh machine (install, upgrade, purge) boot their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ThrowawaySystemdCollection : ICollectionFixture<SshkeepMachineFixture>
{
    public const string Name = "throwaway systemd";
}
