using SshKeep.Supervision;

namespace SshKeep.History;

/// <summary>The web page's timeline (docs/observability.md, "The web page"). Thread-safe.</summary>
internal sealed class TunnelHistory
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>A tunnel flapping every 30 s for a day makes ~2900 changes; the page still draws the latest.</summary>
    public const int Cap = 2000;

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

    /// <summary>A restart asked while up is an entry (up again, since a later moment); a second stopped one is not,
    /// and a listing adds the tunnel's first entry only.</summary>
    public static IReadOnlyList<TimelineEntry> Apply(IReadOnlyList<TimelineEntry> entries, TunnelTransition transition)
    {
        var (status, last) = (transition.After, entries.Count > 0 ? entries[^1] : null);
        if (last is not null && (transition.Reason == TransitionReasons.Listed
                || last.State == status.State && (last.At == status.Since || status.State == TunnelState.Stopped)))
            return entries;
        return Keep([.. entries, new TimelineEntry(status.Since, status.State, NoteOf(status))], transition.At, Window, Cap);
    }

    public IReadOnlyList<TimelineEntry> Read(string tunnel, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _byTunnel.TryGetValue(tunnel, out var list) ? Keep(list, now, Window, Cap) : [];
        }
    }

    public static string? NoteOf(TunnelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State is TunnelState.Up or TunnelState.Starting or TunnelState.Stopped) return null;
        var note = status.LastError ?? (status.LastExit is { } exit ? $"ssh exited with {exit}" : null);
        return note is null ? null : OneLine.Cut(OneLine.Of(note, OneLineStyle.QuestionMark), MaxNote);
    }

    /// <param name="transitions">Oldest first.</param>
    public static IReadOnlyList<TimelineEntry> Keep(IReadOnlyList<TimelineEntry> transitions, DateTimeOffset now, TimeSpan window, int cap)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        var cutoff = now - window;
        int first = 0;
        // The last transition at or before the cutoff says what the tunnel did when the window opens.
        while (first + 1 < transitions.Count && transitions[first + 1].At <= cutoff) first++;
        first = Math.Max(first, transitions.Count - cap);
        return first == 0 ? transitions : [.. transitions.Skip(first)];
    }
}
