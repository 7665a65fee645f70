using SshKeep.Status;
using SshKeep.Supervision;

namespace SshKeep.History;

/// <summary>
/// The last day of each tunnel's state changes, in memory, for the web page's timeline. Fed with
/// every status snapshot (<see cref="Observe"/>): a transition is recorded when a tunnel's state or
/// the moment it entered it changes (up, then up again since a later moment: a run ended and the
/// next came up between two snapshots), except for stopped, which a disabled tunnel reports
/// afresh in every snapshot. Bounded: <see cref="Window"/> of time and at most
/// <see cref="Cap"/> transitions per tunnel (<see cref="HistoryTrim"/>); tunnels no longer in the
/// snapshot are forgotten. Thread-safe.
/// </summary>
public sealed class TunnelHistory
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>A tunnel flapping every 30 s for a day makes ~2900 changes; the page still draws the latest.</summary>
    public const int Cap = 2000;

    /// <summary>Longest note kept: a whole ssh error line, not a page of it.</summary>
    public const int MaxNote = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<TunnelTransition>> _byTunnel = new(StringComparer.Ordinal);

    public void Observe(IReadOnlyList<TunnelStatus> statuses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        lock (_gate)
        {
            foreach (var status in statuses)
            {
                var list = _byTunnel.GetValueOrDefault(status.Name) ?? [];
                var last = list.Count > 0 ? list[^1] : null;
                if (last is not null && last.State == status.State && (last.At == status.Since || status.State == TunnelState.Stopped)) continue;
                _byTunnel[status.Name] = HistoryTrim.Keep([.. list, new TunnelTransition(status.Since, status.State, NoteOf(status))], now, Window, Cap);
            }

            var present = statuses.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _byTunnel.Keys.Where(n => !present.Contains(n)).ToList()) _byTunnel.Remove(gone);
        }
    }

    /// <summary>The tunnel's transitions, oldest first, trimmed to the window as of <paramref name="now"/>.</summary>
    public IReadOnlyList<TunnelTransition> Read(string tunnel, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _byTunnel.TryGetValue(tunnel, out var list) ? HistoryTrim.Keep(list, now, Window, Cap) : [];
        }
    }

    /// <summary>Why a tunnel is not up: ssh's last error line, else how ssh ended; nothing for up, starting and stopped.</summary>
    public static string? NoteOf(TunnelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State is TunnelState.Up or TunnelState.Starting or TunnelState.Stopped) return null;
        var note = status.LastError ?? (status.LastExit is { } exit ? $"ssh exited with {exit}" : null);
        return note is null ? null : CellText.Fit(CellText.Printable(note), MaxNote);
    }
}
