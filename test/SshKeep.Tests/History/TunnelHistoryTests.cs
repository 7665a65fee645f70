using SshKeep.History;
using SshKeep.Supervision;

namespace SshKeep.Tests.History;

public sealed class TunnelHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_transition_is_recorded_when_the_state_or_its_start_changes_and_only_then()
    {
        var history = new TunnelHistory();
        var starting = Status(TunnelState.Starting, T0);
        history.Observe([starting], T0);
        history.Observe([starting with { Pid = 42 }], T0);                          // same state, same start: nothing new
        history.Observe([Status(TunnelState.Up, T0.AddSeconds(1))], T0.AddSeconds(1));
        history.Observe([Status(TunnelState.Backoff, T0.AddSeconds(9)) with { LastError = "Connection reset\u001b[31m", LastExit = "status 255" }], T0.AddSeconds(9));
        history.Observe([Status(TunnelState.Up, T0.AddSeconds(12))], T0.AddSeconds(12));
        history.Observe([Status(TunnelState.Up, T0.AddSeconds(20))], T0.AddSeconds(20)); // up again, a new run unseen in between

        var read = history.Read("db", T0.AddSeconds(20));

        Assert.Equal([TunnelState.Starting, TunnelState.Up, TunnelState.Backoff, TunnelState.Up, TunnelState.Up], read.Select(t => t.State));
        Assert.Equal("Connection reset?[31m", read[2].Note);
        Assert.Null(read[1].Note);
    }

    [Fact]
    public void A_disabled_tunnel_reported_as_stopped_afresh_in_every_snapshot_is_one_transition()
    {
        var history = new TunnelHistory();
        for (int i = 0; i < 5; i++) history.Observe([Status(TunnelState.Stopped, T0.AddSeconds(i))], T0.AddSeconds(i));

        Assert.Equal(T0, Assert.Single(history.Read("db", T0.AddSeconds(5))).At);
    }

    [Fact]
    public void Old_transitions_are_trimmed_and_removed_tunnels_forgotten()
    {
        var history = new TunnelHistory();
        history.Observe([Status(TunnelState.Up, T0), Status(TunnelState.Up, T0, "web")], T0);
        history.Observe([Status(TunnelState.Backoff, T0.AddHours(1)), Status(TunnelState.Up, T0, "web")], T0.AddHours(1));
        history.Observe([Status(TunnelState.Up, T0.AddHours(26))], T0.AddHours(26));

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
    public void The_note_says_why_a_tunnel_is_down_and_nothing_otherwise(TunnelState state, string? error, string? exit, string? note)
    {
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
