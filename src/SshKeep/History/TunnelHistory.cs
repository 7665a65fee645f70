using SshKeep.Supervision;

namespace SshKeep.History;

/// <summary>
/// The last day of each tunnel's state changes, in memory, for the web page's timeline: a fold of
/// the transitions (<see cref="Apply"/>). Bounded: <see cref="Window"/> of time and at most
/// <see cref="Cap"/> entries per tunnel (<see cref="Keep"/>); a tunnel removed from the
/// file is forgotten. Thread-safe.
/// </summary>
internal sealed class TunnelHistory
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>A tunnel flapping every 30 s for a day makes ~2900 changes; the page still draws the latest.</summary>
    public const int Cap = 2000;

    /// <summary>Longest note kept: a whole ssh error line, not a page of it.</summary>
    public const int MaxNote = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<TimelineEntry>> _byTunnel = new(StringComparer.Ordinal);

    public void Observe(TunnelTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        lock (_gate)
        {
            if (transition.Reason == TransitionReasons.Removed) _byTunnel.Remove(transition.Tunnel);
            else _byTunnel[transition.Tunnel] = Apply(_byTunnel.GetValueOrDefault(transition.Tunnel) ?? [], transition);
        }
    }

    /// <summary>
    /// The timeline after <paramref name="transition"/> (pure): an entry when the tunnel's state or
    /// the moment it entered it changes (a restart asked while up is up again, since a later
    /// moment), never for a change within one state (a new error line, a pid), and never a second
    /// stopped one; a listing adds the tunnel's first entry only. Trimmed as of the transition.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Apply(IReadOnlyList<TimelineEntry> entries, TunnelTransition transition)
    {
        var (status, last) = (transition.After, entries.Count > 0 ? entries[^1] : null);
        if (last is not null && (transition.Reason == TransitionReasons.Listed
                || last.State == status.State && (last.At == status.Since || status.State == TunnelState.Stopped)))
            return entries;
        return Keep([.. entries, new TimelineEntry(status.Since, status.State, NoteOf(status))], transition.At, Window, Cap);
    }

    /// <summary>The tunnel's transitions, oldest first, trimmed to the window as of <paramref name="now"/>.</summary>
    public IReadOnlyList<TimelineEntry> Read(string tunnel, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _byTunnel.TryGetValue(tunnel, out var list) ? Keep(list, now, Window, Cap) : [];
        }
    }

    /// <summary>Why a tunnel is not up: ssh's last error line, else how ssh ended; nothing for up, starting and stopped.</summary>
    public static string? NoteOf(TunnelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State is TunnelState.Up or TunnelState.Starting or TunnelState.Stopped) return null;
        var note = status.LastError ?? (status.LastExit is { } exit ? $"ssh exited with {exit}" : null);
        return note is null ? null : OneLine.Cut(OneLine.Of(note, OneLineStyle.QuestionMark), MaxNote);
    }

    /// <summary>
    /// What a tunnel's history keeps (pure): the transitions inside the window, plus the last one
    /// before it (it says what the tunnel was doing when the window opens, so the timeline's first
    /// span is not blank), and of those at most the newest <paramref name="cap"/>.
    /// </summary>
    /// <param name="transitions">Oldest first.</param>
    public static IReadOnlyList<TimelineEntry> Keep(IReadOnlyList<TimelineEntry> transitions, DateTimeOffset now, TimeSpan window, int cap)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        var cutoff = now - window;
        int first = 0;
        // The last transition at or before the cutoff still describes the start of the window.
        while (first + 1 < transitions.Count && transitions[first + 1].At <= cutoff) first++;
        first = Math.Max(first, transitions.Count - cap);
        return first == 0 ? transitions : [.. transitions.Skip(first)];
    }
}
