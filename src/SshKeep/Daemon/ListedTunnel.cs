using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>One tunnel as the daemon's status fold knows it (<see cref="StatusFold"/>): its
/// <paramref name="Status"/> after the last transition (what status.json shows), and what READY=1
/// needs (<see cref="SystemdReporter.DecideReadiness"/>): it has been up once since the daemon
/// started (<paramref name="EverUp"/>), or its first ssh attempt has an outcome, up or a wait
/// (<paramref name="Attempted"/>).</summary>
internal sealed record ListedTunnel(TunnelStatus Status, bool EverUp = false, bool Attempted = false);
