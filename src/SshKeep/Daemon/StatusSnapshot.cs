using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>Everything status.json and the control socket's <c>status</c> answer hold: the daemon,
/// when the snapshot was taken, and each tunnel in config-file order.</summary>
internal sealed record StatusSnapshot
{
    public required DaemonInfo Daemon { get; init; }

    /// <summary>When the daemon last changed the snapshot (a tunnel changed, or a reload).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    public required IReadOnlyList<TunnelStatus> Tunnels { get; init; }
}
