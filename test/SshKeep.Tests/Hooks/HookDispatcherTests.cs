using SshKeep.Config;
using SshKeep.Hooks;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Hooks;

/// <summary>From status changes to queued hook runs, with a fake clock and a recording queue.</summary>
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
        var observer = Dispatcher(tunnel).ObserverFor(tunnel);

        observer.Observe(Status(TunnelState.Starting));
        observer.Observe(Status(TunnelState.Up));
        observer.Observe(Status(TunnelState.Up) with { LastError = "a new line" });
        observer.Observe(Status(TunnelState.Backoff));
        observer.Observe(Status(TunnelState.Starting));
        observer.Observe(Status(TunnelState.Up));
        observer.Observe(Status(TunnelState.NeedsAttention));

        Assert.Equal(["up", "down", "up", "down", "needs-attention"], _queued.Select(i => HookEventNames.ToName(i.Event)));
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
        var observer = Dispatcher(tunnel).ObserverFor(tunnel);

        observer.Observe(Status(TunnelState.Up));
        observer.Observe(Status(TunnelState.NeedsAttention));

        Assert.Equal([HookEvent.Down], _queued.Select(i => i.Event));
    }

    [Fact]
    public void A_reload_that_changes_only_hooks_applies_them_to_the_running_tunnel()
    {
        var tunnel = Tunnel(new HookSettings { OnUp = Notify });
        var dispatcher = Dispatcher(tunnel);
        var observer = dispatcher.ObserverFor(tunnel);
        observer.Observe(Status(TunnelState.Up));

        dispatcher.Configure(Config(Tunnel(new HookSettings { OnDown = Page })));
        observer.Observe(Status(TunnelState.Backoff));
        observer.Observe(Status(TunnelState.Up));

        Assert.Equal([(HookEvent.Up, Notify), (HookEvent.Down, Page)], _queued.Select(i => (i.Event, i.Command)));
    }

    [Fact]
    public void A_tunnel_removed_by_reload_runs_its_own_down_hook_as_it_stops()
    {
        var tunnel = Tunnel(new HookSettings { OnDown = Page });
        var dispatcher = Dispatcher(tunnel);
        var observer = dispatcher.ObserverFor(tunnel);
        observer.Observe(Status(TunnelState.Up));

        dispatcher.Configure(Config(Tunnel(new HookSettings()) with { Name = "other" }));
        observer.Observe(Status(TunnelState.Stopped));

        Assert.Equal([(HookEvent.Down, Page)], _queued.Select(i => (i.Event, i.Command)));
    }

    [Fact]
    public void The_timestamp_is_when_the_change_was_seen()
    {
        var tunnel = Tunnel(new HookSettings { OnUp = Notify });
        var observer = Dispatcher(tunnel).ObserverFor(tunnel);
        _time.Advance(90);

        observer.Observe(Status(TunnelState.Up));

        Assert.Equal("2025-01-01T00:01:30.000Z", Assert.Single(_queued).Environment["SSHKEEP_TIMESTAMP"]);
    }

    private HookDispatcher Dispatcher(TunnelConfig tunnel)
    {
        var dispatcher = new HookDispatcher(_queued.Add, _time);
        dispatcher.Configure(Config(tunnel));
        return dispatcher;
    }

    private static SshKeepConfig Config(TunnelConfig tunnel) => new() { Path = "/t.yaml", Tunnels = [tunnel] };

    private static TunnelConfig Tunnel(HookSettings hooks) => new() { Name = "db", Destination = "deploy@bastion", Hooks = hooks };

    private TunnelStatus Status(TunnelState state) => new() { Name = "db", State = state, Since = _time.GetUtcNow() };
}
