using SshKeep.Daemon;
using SshKeep.History;
using SshKeep.Status;

namespace SshKeep.Web;

/// <summary>Makes <see cref="PageState"/> from a snapshot and the recorder (pure but for the recorder's reads).</summary>
internal static class PageStateBuilder
{
    public static PageState Build(StatusSnapshot snapshot, DaemonRecorder recorder, DateTimeOffset now)
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
