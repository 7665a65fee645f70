namespace SshKeep.History;

/// <summary>
/// What a tunnel's history keeps (pure): the transitions inside the window, plus the last one
/// before it (it says what the tunnel was doing when the window opens, so the timeline's first
/// span is not blank), and of those at most the newest <c>cap</c>.
/// </summary>
internal static class HistoryTrim
{
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
