using SshKeep.Daemon;
using SshKeep.History;
using SshKeep.Status;

namespace SshKeep.Web;

/// <summary><c>GET /api/state</c>: the same report as <c>sshkeep status --json</c>, and the page's extras.</summary>
internal sealed record PageState
{
    public required StatusReport Status { get; init; }

    public required IReadOnlyList<PageTunnel> Tunnels { get; init; }

    public required long HistorySeconds { get; init; }

    public static PageState From(StatusSnapshot snapshot, DaemonRecorder recorder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(recorder);
        return new PageState
        {
            Status = StatusJson.Report(snapshot, now),
            HistorySeconds = (long)TunnelHistory.Window.TotalSeconds,
            Tunnels = [.. snapshot.Tunnels.Select(t => new PageTunnel
            {
                Name = t.Name,
                LastRestartReason = t.LastRestartReason ?? recorder.Restarts.LastReason(t.Name),
                RestartsByReason = recorder.Restarts.Read(t.Name).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                History = recorder.History.Read(t.Name, now),
            })],
        };
    }
}
