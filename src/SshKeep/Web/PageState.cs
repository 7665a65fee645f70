using SshKeep.Status;

namespace SshKeep.Web;

/// <summary>
/// <c>GET /api/state</c>, what the web page polls: the same report as <c>sshkeep status --json</c>
/// and, per tunnel, what the page shows beyond it (<see cref="PageTunnel"/>).
/// </summary>
internal sealed record PageState
{
    public required StatusReport Status { get; init; }

    /// <summary>In the order of <see cref="StatusReport.Tunnels"/>.</summary>
    public required IReadOnlyList<PageTunnel> Tunnels { get; init; }

    /// <summary>How far back <see cref="PageTunnel.History"/> reaches.</summary>
    public required long HistorySeconds { get; init; }
}
