using SshKeep.Hooks;
using SshKeep.Supervision;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.Hooks;

/// <summary>Which hooks a transition fires (docs/config.md, hooks): a table over every pair of states.</summary>
public sealed class HookDispatcherEventsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<object, object, string> Changes() => new()
    {
        // Entering up.
        { TunnelState.Starting, TunnelState.Up, "up" },
        { TunnelState.Backoff, TunnelState.Up, "up" },
        { TunnelState.WaitingForRemotePort, TunnelState.Up, "up" },
        { TunnelState.NeedsAttention, TunnelState.Up, "up" },
        // Leaving up.
        { TunnelState.Up, TunnelState.Starting, "down" },
        { TunnelState.Up, TunnelState.Backoff, "down" },
        { TunnelState.Up, TunnelState.WaitingForRemotePort, "down" },
        { TunnelState.Up, TunnelState.Stopped, "down" },
        { TunnelState.Up, TunnelState.NeedsAttention, "down needs-attention" },
        // Entering needs-attention.
        { TunnelState.Starting, TunnelState.NeedsAttention, "needs-attention" },
        { TunnelState.Backoff, TunnelState.NeedsAttention, "needs-attention" },
        // Neither up nor needs-attention on either side.
        { TunnelState.Starting, TunnelState.Stopped, "" },
        { TunnelState.Starting, TunnelState.Backoff, "" },
        { TunnelState.Backoff, TunnelState.Starting, "" },
        { TunnelState.Starting, TunnelState.WaitingForRemotePort, "" },
        { TunnelState.NeedsAttention, TunnelState.Starting, "" },
        { TunnelState.NeedsAttention, TunnelState.Stopped, "" },
        { TunnelState.Backoff, TunnelState.Stopped, "" },
        // Repeats: the same state again fires nothing.
        { TunnelState.Up, TunnelState.Up, "" },
        { TunnelState.NeedsAttention, TunnelState.NeedsAttention, "" },
        { TunnelState.Backoff, TunnelState.Backoff, "" },
        { TunnelState.Starting, TunnelState.Starting, "" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_of_state_fires_the_hooks_of_the_table(object previousRow, object nextRow, string expected)
    {
        var (previous, next) = ((TunnelState)previousRow, (TunnelState)nextRow);
        var events = HookDispatcher.Events(Transitions.Of(Status(previous), Status(next)));

        Assert.Equal(expected, string.Join(' ', events.Select(KebabName.Of)));
    }

    [Fact]
    public void A_new_error_line_pid_or_restart_count_in_the_same_state_fires_nothing()
    {
        var before = Status(TunnelState.Up) with { Pid = 10, LastError = "old" };
        var after = before with { Pid = 11, LastError = "Connection reset by peer", Restarts = 3, Since = T0.AddMinutes(1) };

        Assert.Empty(HookDispatcher.Events(Transitions.Of(before, after)));
    }

    [Theory]
    [InlineData(TunnelState.Up)]
    [InlineData(TunnelState.Stopped)]
    [InlineData(TunnelState.NeedsAttention)]
    public void The_daemon_listing_or_removing_a_tunnel_fires_nothing(object state)
    {
        Assert.Empty(HookDispatcher.Events(Transitions.Listed(Status((TunnelState)state))));
        Assert.Empty(HookDispatcher.Events(Transitions.Removed("db", T0)));
    }

    private static TunnelStatus Status(TunnelState state) => new() { Name = "db", State = state, Since = T0 };
}
