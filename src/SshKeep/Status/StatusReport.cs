using SshKeep.Daemon;

namespace SshKeep.Status;

/// <summary><c>sshkeep status --json</c>: the daemon, the moment of the report, and the table's
/// fields per tunnel (<see cref="StatusReportTunnel"/>).</summary>
internal sealed record StatusReport
{
    public required DaemonInfo Daemon { get; init; }

    /// <summary>When the report was made; the durations are counted to here.</summary>
    public required DateTimeOffset Now { get; init; }

    public required IReadOnlyList<StatusReportTunnel> Tunnels { get; init; }
}
