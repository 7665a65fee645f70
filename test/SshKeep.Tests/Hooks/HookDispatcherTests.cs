using SshKeep.Config;
using SshKeep.Hooks;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.Hooks;

/// <summary>From transitions to queued hook runs, with a fake clock and a recording queue.</summary>
public sealed class HookDispatcherTests
{
    private static readonly HookCommand Notify = HookCommand.Direct(["/usr/local/bin/notify", "up"]);
    private static readonly HookCommand Page = HookCommand.Shell("curl -s https://example.invalid | logger");

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<HookInvocation> _queued = [];

    [Fact]
    public void A_tunnel_that_comes_up_flaps_and_needs_attention_queues_its_hooks_in_order()
    {
        var tunnel = Tunnel(new HookSettings { OnUp = Notify, OnDown = Page, OnNeedsAttention = Notify, Timeout = 7 });
        var dispatcher = Dispatcher(tunnel);

        Run(dispatcher, Status(TunnelState.Starting), Status(TunnelState.Up), Status(TunnelState.Up) with { LastError = "a new line" },
            Status(TunnelState.Backoff), Status(TunnelState.Starting), Status(TunnelState.Up), Status(TunnelState.NeedsAttention));

        Assert.Equal(["up", "down", "up", "down", "needs-attention"], _queued.Select(i => KebabName.Of(i.Event)));
        Assert.Equal([Notify, Page, Notify, Page, Notify], _queued.Select(i => i.Command));
        Assert.All(_queued, i => Assert.Equal(TimeSpan.FromSeconds(7), i.Timeout));
        Assert.All(_queued, i => Assert.Equal("db", i.Tunnel));
        Assert.Equal("backoff", _queued[1].Environment["SSHKEEP_STATE"]);
        Assert.Equal("up", _queued[1].Environment["SSHKEEP_PREVIOUS_STATE"]);
    }

    [Fact]
    public void An_event_without_a_hook_queues_nothing()
    {
        var tunnel = Tunnel(new HookSettings { OnDown = Page });
        Run(Dispatcher(tunnel), Status(TunnelState.Up), Status(TunnelState.NeedsAttention));

        Assert.Equal([HookEvent.Down], _queued.Select(i => i.Event));
    }

    [Fact]
    public void A_reload_that_changes_only_hooks_applies_them_to_the_running_tunnel()
    {
        var tunnel = Tunnel(new HookSettings { OnUp = Notify });
        var dispatcher = Dispatcher(tunnel);
        dispatcher.Fire(Transitions.First(Status(TunnelState.Up)));

        dispatcher.Configure(Config(Tunnel(new HookSettings { OnDown = Page })));
        dispatcher.Fire(Transitions.Of(Status(TunnelState.Up), Status(TunnelState.Backoff)));
        dispatcher.Fire(Transitions.Of(Status(TunnelState.Backoff), Status(TunnelState.Up)));

        Assert.Equal([(HookEvent.Up, Notify), (HookEvent.Down, Page)], _queued.Select(i => (i.Event, i.Command)));
    }

    [Fact]
    public void A_tunnel_removed_by_reload_runs_its_own_down_hook_as_it_stops()
    {
        var tunnel = Tunnel(new HookSettings { OnDown = Page });
        var dispatcher = Dispatcher(tunnel);
        dispatcher.Fire(Transitions.First(Status(TunnelState.Up)));

        dispatcher.Configure(Config(Tunnel(new HookSettings()) with { Name = "other" }));
        dispatcher.Fire(Transitions.Of(Status(TunnelState.Up), Status(TunnelState.Stopped), TransitionReasons.Stopped));
        dispatcher.Fire(Transitions.Removed("db", _time.GetUtcNow()));
        dispatcher.Fire(Transitions.First(Status(TunnelState.Up)));

        Assert.Equal([(HookEvent.Down, Page)], _queued.Select(i => (i.Event, i.Command)));
    }

    [Fact]
    public void The_timestamp_is_when_the_change_happened()
    {
        var tunnel = Tunnel(new HookSettings { OnUp = Notify });
        var dispatcher = Dispatcher(tunnel);
        _time.Advance(90);

        dispatcher.Fire(Transitions.First(Status(TunnelState.Up), at: _time.GetUtcNow()));

        Assert.Equal("2025-01-01T00:01:30.000Z", Assert.Single(_queued).Environment["SSHKEEP_TIMESTAMP"]);
    }

    private HookDispatcher Dispatcher(TunnelConfig tunnel)
    {
        var dispatcher = new HookDispatcher(_queued.Add);
        dispatcher.Configure(Config(tunnel));
        return dispatcher;
    }

    /// <summary>Each status in turn, as a fresh tunnel's transitions.</summary>
    private static void Run(HookDispatcher dispatcher, params TunnelStatus[] statuses)
    {
        foreach (var transition in Transitions.Chain(statuses)) dispatcher.Fire(transition);
    }

    private static SshKeepConfig Config(TunnelConfig tunnel) => new() { Path = "/t.yaml", Tunnels = [tunnel] };

    private static TunnelConfig Tunnel(HookSettings hooks) => new() { Name = "db", Destinations = ["deploy@bastion"], Hooks = hooks };

    private TunnelStatus Status(TunnelState state) => new() { Name = "db", State = state, Since = _time.GetUtcNow() };
}
