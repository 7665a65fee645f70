using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>One tunnel as the daemon's status fold knows it (<see cref="StatusFold"/>): what
/// status.json shows, and what READY=1 needs (<see cref="SystemdTunnelProgress"/>).</summary>
/// <param name="Status">Its status after the last transition.</param>
/// <param name="EverUp">It has been up at least once.</param>
/// <param name="Attempted">Its first attempt has an outcome: it came up, or moved on to a wait.</param>
public sealed record ListedTunnel(TunnelStatus Status, bool EverUp = false, bool Attempted = false)
{
    public SystemdTunnelProgress Progress => new(Status.Name, Status.State, EverUp, Attempted);
}
