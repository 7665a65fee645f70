using SshKeep.History;
using SshKeep.Supervision;

namespace SshKeep.Tests.History;

/// <summary>What a tunnel's history keeps: the window, the one transition before it, at most the cap.</summary>
public sealed class HistoryTrimTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    // transitions as minutes before now; window 60 min, cap 100 unless given → minutes kept
    [InlineData(new int[] { }, 60, 100, new int[] { })]
    [InlineData(new[] { 10 }, 60, 100, new[] { 10 })]
    [InlineData(new[] { 200 }, 60, 100, new[] { 200 })]                    // the state when the window opens
    [InlineData(new[] { 300, 200, 30 }, 60, 100, new[] { 200, 30 })]
    [InlineData(new[] { 300, 200, 100, 61 }, 60, 100, new[] { 61 })]
    [InlineData(new[] { 300, 60, 59 }, 60, 100, new[] { 60, 59 })]         // exactly at the cutoff: it opens the window
    [InlineData(new[] { 50, 40, 30, 20, 10 }, 60, 3, new[] { 30, 20, 10 })] // the cap keeps the newest
    [InlineData(new[] { 90, 50, 40 }, 60, 1, new[] { 40 })]
    [InlineData(new[] { 5, 4, 3 }, 60, 3, new[] { 5, 4, 3 })]
    public void Keeps_the_window_the_transition_before_it_and_at_most_the_cap(int[] minutesAgo, int windowMinutes, int cap, int[] kept)
    {
        var transitions = minutesAgo.Select(m => new TimelineEntry(Now - TimeSpan.FromMinutes(m), TunnelState.Up, null)).ToList();

        var result = TunnelHistory.Keep(transitions, Now, TimeSpan.FromMinutes(windowMinutes), cap);

        Assert.Equal(kept, result.Select(t => (int)(Now - t.At).TotalMinutes));
    }
}
