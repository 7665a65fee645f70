using SshKeep.History;
using SshKeep.Supervision;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.History;

public sealed class TunnelHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<object?, int, string, object, int, bool> Rows() => new()
    {
        // last entry (state, at s) · reason · state after, since s → a new entry
        { null, 0, TransitionReasons.Starting, TunnelState.Starting, 0, true },          // a tunnel's first transition
        { null, 0, TransitionReasons.Listed, TunnelState.Stopped, 0, true },             // a disabled tunnel, listed
        { TunnelState.Starting, 0, TransitionReasons.SshStarted, TunnelState.Starting, 0, false }, // same state, same start: a pid
        { TunnelState.Starting, 0, TransitionReasons.Up, TunnelState.Up, 1, true },
        { TunnelState.Up, 1, TransitionReasons.Error, TunnelState.Up, 1, false },         // a new error line while up
        { TunnelState.Up, 1, TransitionReasons.Up, TunnelState.Up, 20, true },            // up again, since a later moment
        { TunnelState.Up, 1, TransitionReasons.Stopped, TunnelState.Stopped, 5, true },
        { TunnelState.Stopped, 0, TransitionReasons.Stopped, TunnelState.Stopped, 5, false }, // stopped is one entry
        { TunnelState.Stopped, 0, TransitionReasons.Listed, TunnelState.Stopped, 5, false },  // a disabled tunnel listed again by a reload
        { TunnelState.Up, 1, TransitionReasons.Listed, TunnelState.Starting, 0, false },      // a listing of a known tunnel adds nothing
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_transition_adds_an_entry_when_the_state_or_its_start_changes_and_only_then(
        object? lastRow, int lastAt, string reason, object stateRow, int since, bool added)
    {
        var (last, state) = ((TunnelState?)lastRow, (TunnelState)stateRow);
        IReadOnlyList<TimelineEntry> entries = last is { } l ? [new TimelineEntry(T0.AddSeconds(lastAt), l, null)] : [];
        var after = Status(state, T0.AddSeconds(since));

        var next = TunnelHistory.Apply(entries, new TunnelTransition(after, after, reason) { At = T0.AddSeconds(30) });

        Assert.Equal(added ? [.. entries, new TimelineEntry(after.Since, state, null)] : entries, next);
    }

    [Fact]
    public void A_run_of_transitions_reads_back_oldest_first_with_why_it_went_down()
    {
        var history = new TunnelHistory();
        var starting = Status(TunnelState.Starting, T0);
        foreach (var transition in Transitions.Chain(starting, starting with { Pid = 42 }, Status(TunnelState.Up, T0.AddSeconds(1)),
                     Status(TunnelState.Backoff, T0.AddSeconds(9)) with { LastError = "Connection reset\u001b[31m", LastExit = "status 255" },
                     Status(TunnelState.Up, T0.AddSeconds(12)), Status(TunnelState.Up, T0.AddSeconds(20))))
            history.Observe(transition);

        var read = history.Read("db", T0.AddSeconds(20));

        Assert.Equal([TunnelState.Starting, TunnelState.Up, TunnelState.Backoff, TunnelState.Up, TunnelState.Up], read.Select(t => t.State));
        Assert.Equal("Connection reset?[31m", read[2].Note);
        Assert.Null(read[1].Note);
    }

    [Fact]
    public void Old_transitions_are_trimmed_and_removed_tunnels_forgotten()
    {
        var history = new TunnelHistory();
        history.Observe(Transitions.First(Status(TunnelState.Up, T0)));
        history.Observe(Transitions.First(Status(TunnelState.Up, T0, "web")));
        history.Observe(Transitions.Of(Status(TunnelState.Up, T0), Status(TunnelState.Backoff, T0.AddHours(1))));
        history.Observe(Transitions.Removed("web", T0.AddHours(1)));
        history.Observe(Transitions.Of(Status(TunnelState.Backoff, T0.AddHours(1)), Status(TunnelState.Up, T0.AddHours(26))));

        Assert.Equal([TunnelState.Backoff, TunnelState.Up], history.Read("db", T0.AddHours(26)).Select(t => t.State));
        Assert.Empty(history.Read("web", T0.AddHours(26)));
    }

    [Theory]
    [InlineData(TunnelState.Backoff, "refused", "status 255", "refused")]
    [InlineData(TunnelState.Backoff, null, "signal 9", "ssh exited with signal 9")]
    [InlineData(TunnelState.NeedsAttention, "Permission denied (publickey).", null, "Permission denied (publickey).")]
    [InlineData(TunnelState.WaitingForRemotePort, null, null, null)]
    [InlineData(TunnelState.Up, "old error", "status 255", null)]
    [InlineData(TunnelState.Starting, "old error", null, null)]
    [InlineData(TunnelState.Stopped, "old error", null, null)]
    public void The_note_says_why_a_tunnel_is_down_and_nothing_otherwise(object stateRow, string? error, string? exit, string? note)
    {
        var state = (TunnelState)stateRow;
        Assert.Equal(note, TunnelHistory.NoteOf(Status(state, T0) with { LastError = error, LastExit = exit }));
    }

    [Fact]
    public void A_long_note_is_cut()
    {
        var note = TunnelHistory.NoteOf(Status(TunnelState.Backoff, T0) with { LastError = new string('x', 5000) });

        Assert.Equal(TunnelHistory.MaxNote, note!.Length);
    }

    private static TunnelStatus Status(TunnelState state, DateTimeOffset since, string name = "db") =>
        new() { Name = name, State = state, Since = since };
}
