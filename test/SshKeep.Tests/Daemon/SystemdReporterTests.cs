using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using RecordingLogger = SshKeep.Tests.Fakes.RecordingLogger;

namespace SshKeep.Tests.Daemon;

/// <summary>What systemd hears as tunnels change, read from a real datagram socket.</summary>
public sealed class SystemdReporterTests : IDisposable
{
    private static readonly SshKeepConfig AllUp = new() { Path = "/tunnels.yaml", Tunnels = [] };

    private readonly NotifySocketListener _listener = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingLogger _logger = new();
    private readonly SystemdNotifier _notifier;

    public SystemdReporterTests() => _notifier = new SystemdNotifier(_listener.NotifySocket, _logger, () => 777);

    public void Dispose()
    {
        _notifier.Dispose();
        _listener.Dispose();
    }

    [Fact]
    public void Ready_goes_out_once_with_the_status_when_every_tunnel_has_been_up()
    {
        var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger);

        Assert.False(reporter.Publish(Progress(("db", TunnelState.Starting, false, false), ("web", TunnelState.Starting, false, false))));
        Assert.False(reporter.Publish(Progress(("db", TunnelState.Up, true, true), ("web", TunnelState.Starting, false, false))));
        Assert.True(reporter.Publish(Progress(("db", TunnelState.Up, true, true), ("web", TunnelState.Up, true, true))));
        Assert.False(reporter.Publish(Progress(("db", TunnelState.Up, true, true), ("web", TunnelState.Backoff, true, true))));
        Assert.False(reporter.Publish(Progress(("db", TunnelState.Up, true, true), ("web", TunnelState.Up, true, true))));

        Assert.Equal(
        [
            "STATUS=0/2 up; db: starting; +1 more",
            "STATUS=1/2 up; web: starting",
            "READY=1\nSTATUS=2/2 up",
            "STATUS=1/2 up; web: backoff",
            "STATUS=2/2 up",
        ], _listener.Drain());
        Assert.Equal([1001], _logger.EventIds);
        Assert.Equal("ready (all-up): 2 of 2 tunnels up; keeping them up until stopped", _logger.Entries[0].Message);
    }

    [Fact]
    public void An_unchanged_status_line_is_not_sent_again()
    {
        var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger);
        var progress = Progress(("db", TunnelState.Starting, false, false));

        reporter.Publish(progress);
        reporter.Publish(progress);
        reporter.Publish(progress);

        Assert.Equal(["STATUS=0/1 up; db: starting"], _listener.Drain());
    }

    [Fact]
    public void With_first_attempt_ready_goes_out_when_each_tunnel_has_tried_once()
    {
        var reporter = new SystemdReporter(_notifier, AllUp with { ReadyWhen = ReadyWhen.FirstAttempt }, _clock, _logger);

        bool ready = reporter.Publish([new ListedTunnel(Status("db", TunnelState.Up), true, true),
            new ListedTunnel(Status("api", TunnelState.NeedsAttention) with { LastError = "authentication refused" }, false, true)]);

        Assert.True(ready);
        Assert.Equal(["READY=1\nSTATUS=1/2 up; api: needs-attention (authentication refused)"], _listener.Drain());
        Assert.Contains("ready (first-attempt)", _logger.Entries[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reload_after_ready_is_bracketed_by_RELOADING_and_READY()
    {
        var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger);
        reporter.Publish(Progress(("db", TunnelState.Up, true, true)));
        _listener.Drain();

        reporter.BeginReload();
        reporter.EndReload(Progress(("db", TunnelState.Up, true, true), ("new", TunnelState.Starting, false, false)));

        Assert.Equal(
        [
            "RELOADING=1\nMONOTONIC_USEC=777",
            "STATUS=reloading",
            "READY=1",
            "STATUS=1/2 up; new: starting",
        ], _listener.Drain());
    }

    [Fact]
    public void A_reload_before_ready_is_part_of_start_up_and_sends_no_RELOADING()
    {
        var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger);
        reporter.Publish(Progress(("db", TunnelState.Starting, false, false)));
        _listener.Drain();

        reporter.BeginReload();
        reporter.EndReload(Progress(("db", TunnelState.Backoff, false, true)));

        Assert.Equal(["STATUS=0/1 up; db: backoff"], _listener.Drain());
    }

    [Fact]
    public void Stopping_sends_STOPPING_with_a_last_status()
    {
        var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger);

        reporter.Stopping(3);

        Assert.Equal(["STOPPING=1\nSTATUS=stopping 3 tunnels"], _listener.Drain());
    }

    [Fact]
    public void Becoming_ready_ends_the_start_timeout_extensions()
    {
        using var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger, null);
        reporter.StartTicks();
        Assert.Equal(1, _clock.ArmedTimers);

        reporter.Publish(Progress(("db", TunnelState.Up, true, true)));

        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void A_tunnel_that_needs_attention_does_not_hold_ready_back_and_the_status_names_it()
    {
        using var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger, null);
        reporter.StartTicks();

        bool ready = reporter.Publish([new ListedTunnel(Status("db", TunnelState.Up), true, true),
            new ListedTunnel(Status("api", TunnelState.NeedsAttention) with { LastError = "Permission denied (publickey)" }, false, true)]);

        Assert.True(ready);
        Assert.Equal(["READY=1\nSTATUS=1/2 up; api: needs-attention (Permission denied (publickey))"], _listener.Drain());
        Assert.Equal(0, _clock.ArmedTimers); // no more EXTEND_TIMEOUT_USEC
    }

    [Fact]
    public void When_the_ready_timeout_passes_ready_goes_out_with_what_is_not_up_and_the_start_extensions_end()
    {
        using var reporter = new SystemdReporter(_notifier, AllUp with { ReadyTimeout = TimeSpan.FromSeconds(30) }, _clock, _logger);
        var progress = Progress(("db", TunnelState.Up, true, true), ("web", TunnelState.Backoff, false, true));
        int rechecks = 0;
        using var deadline = reporter.ArmReadyTimeout(() => rechecks++);
        reporter.StartTicks();

        Assert.False(reporter.Publish(progress));
        _clock.Advance(20);
        Assert.Equal(0, rechecks);
        Assert.False(reporter.Publish(progress));
        Assert.Contains(_listener.Drain(), m => m.StartsWith("EXTEND_TIMEOUT_USEC=", StringComparison.Ordinal));

        _clock.Advance(10);
        Assert.Equal(1, rechecks); // the owner publishes again even though nothing changed
        Assert.True(reporter.Publish(progress));

        Assert.Equal(["READY=1\nSTATUS=1/2 up; web: backoff"], _listener.Drain());
        Assert.Equal("ready (all-up, ready_timeout 30s passed): 1 of 2 tunnels up; keeping them up until stopped", _logger.Entries[^1].Message);
        _clock.Advance(60);
        Assert.Empty(_listener.Drain()); // the EXTEND_TIMEOUT_USEC stream has ended
    }

    [Fact]
    public void The_backoff_countdown_is_taken_from_the_clock()
    {
        var reporter = new SystemdReporter(_notifier, AllUp, _clock, _logger);

        reporter.Publish([new ListedTunnel(Status("db", TunnelState.Backoff) with { NextRetry = _clock.GetUtcNow().AddSeconds(4) }, false, true)]);

        Assert.Equal(["STATUS=0/1 up; db: backoff 4s"], _listener.Drain());
    }

    private List<ListedTunnel> Progress(params (string Name, TunnelState State, bool EverUp, bool Attempted)[] tunnels) =>
        [.. tunnels.Select(t => new ListedTunnel(Status(t.Name, t.State), t.EverUp, t.Attempted))];

    private TunnelStatus Status(string name, TunnelState state) =>
        new() { Name = name, State = state, Since = _clock.GetUtcNow() };
}
