using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>One tunnel as the daemon's status fold knows it (<see cref="StatusFold"/>): what
/// status.json shows, and what READY=1 needs (<see cref="SystemdReporter.DecideReadiness"/>).</summary>
/// <param name="Status">Its status after the last transition; <see cref="TunnelState.Stopped"/>
/// tunnels (disabled, stopping) do not count for READY=1.</param>
/// <param name="EverUp">It has been <see cref="TunnelState.Up"/> at least once since the daemon started.</param>
/// <param name="Attempted">Its first ssh attempt has an outcome: it came up, or it failed and the
/// tunnel moved on to a wait (backoff, waiting-for-remote-port, needs-attention).</param>
internal sealed record ListedTunnel(TunnelStatus Status, bool EverUp = false, bool Attempted = false);
