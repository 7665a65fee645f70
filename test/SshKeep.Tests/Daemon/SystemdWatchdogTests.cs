using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Tests.Fakes;
using RecordingLogger = SshKeep.Tests.Fakes.RecordingLogger;

namespace SshKeep.Tests.Daemon;

/// <summary>
/// The watchdog (<see cref="SystemdReporter"/>'s keep-alives) is driven by a manual clock and sends to a real datagram socket: pings go out
/// only while the supervisor loop reports, so a hung loop is restarted by systemd.
/// </summary>
public sealed class SystemdWatchdogTests : IDisposable
{
    private static readonly SshKeepConfig AllUp = new() { Path = "/tunnels.yaml", Tunnels = [] };

    private readonly NotifySocketListener _listener = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingLogger _logger = new();
    private readonly SystemdNotifier _notifier;

    public SystemdWatchdogTests() => _notifier = new SystemdNotifier(_listener.NotifySocket, _logger);

    public void Dispose()
    {
        _notifier.Dispose();
        _listener.Dispose();
    }

    [Theory]
    [InlineData("30000000", null, 100, 30.0)]
    [InlineData("30000000", "", 100, 30.0)]
    [InlineData("30000000", "100", 100, 30.0)]
    [InlineData("500000", "100", 100, 0.5)]
    [InlineData("1", null, 100, 0.000001)]
    // meant for another process (we are its child, or it is ours): not ours to ping
    [InlineData("30000000", "101", 100, null)]
    [InlineData("30000000", "abc", 100, null)]
    // no watchdog, or a value sd_watchdog_enabled rejects
    [InlineData(null, null, 100, null)]
    [InlineData("", null, 100, null)]
    [InlineData("0", null, 100, null)]
    [InlineData("-5", null, 100, null)]
    [InlineData(" 5", null, 100, null)]
    [InlineData("30s", null, 100, null)]
    [InlineData("99999999999999999999999", null, 100, null)]
    public void Watchdog_timeout_comes_from_WATCHDOG_USEC_when_WATCHDOG_PID_is_unset_or_ours(
        string? usec, string? pid, int ourPid, double? seconds)
    {
        Assert.Equal(seconds is { } s ? TimeSpan.FromMicroseconds(s * 1_000_000) : null,
            SystemdReporter.WatchdogTimeoutFromEnvironment(usec, pid, ourPid));
    }

    [Theory]
    // silence within the freshness window: ping with a watchdog, extend while starting up
    [InlineData(0, 15, true, false, SystemdReporter.KeepAlive.Ping)]
    [InlineData(15, 15, true, false, SystemdReporter.KeepAlive.Ping)]
    [InlineData(5, 15, true, true, SystemdReporter.KeepAlive.Ping | SystemdReporter.KeepAlive.ExtendStart)]
    [InlineData(5, 10, false, true, SystemdReporter.KeepAlive.ExtendStart)]
    [InlineData(5, 10, false, false, SystemdReporter.KeepAlive.None)]
    // a silent loop gets nothing sent for it
    [InlineData(15.001, 15, true, false, SystemdReporter.KeepAlive.None)]
    [InlineData(60, 15, true, true, SystemdReporter.KeepAlive.None)]
    public void Tick_sends_keep_alives_only_for_a_loop_that_reported_recently(double silence, double freshness, bool watchdog, bool startupPending, object expectedRow)
    {
        var expected = (SystemdReporter.KeepAlive)expectedRow;
        Assert.Equal(expected, SystemdReporter.DecideKeepAlive(TimeSpan.FromSeconds(silence), TimeSpan.FromSeconds(freshness), watchdog, startupPending));
    }

    [Fact]
    public void Ticks_come_every_half_timeout_and_the_loop_is_asked_to_report_twice_as_often()
    {
        using var watchdog = new SystemdReporter(_notifier, AllUp, _clock, _logger, TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(15), watchdog.TickInterval);
        Assert.Equal(TimeSpan.FromSeconds(7.5), watchdog.ReportInterval);
        using var startupOnly = new SystemdReporter(_notifier, AllUp, _clock, _logger, null);
        Assert.Equal(SystemdReporter.StartupTick, startupOnly.TickInterval);
    }

    [Fact]
    public void A_loop_that_keeps_reporting_gets_a_ping_every_half_timeout()
    {
        using var watchdog = new SystemdReporter(_notifier, AllUp, _clock, _logger, TimeSpan.FromSeconds(30));
        watchdog.StartTicks();
        Ready(watchdog);

        for (int tick = 0; tick < 4; tick++)
        {
            _clock.Advance(7.5);
            watchdog.ReportAlive();
            Assert.Equal(0, _listener.Pending);
            _clock.Advance(7.5);
            Assert.Equal(["WATCHDOG=1"], _listener.Drain());
            watchdog.ReportAlive();
        }
        Assert.Equal([1302, 1001], _logger.EventIds);
    }

    [Fact]
    public void A_hung_loop_gets_at_most_one_more_ping_and_then_none_so_systemd_restarts_us()
    {
        using var watchdog = new SystemdReporter(_notifier, AllUp, _clock, _logger, TimeSpan.FromSeconds(30));
        watchdog.StartTicks();
        Ready(watchdog);
        _clock.Advance(15);
        Assert.Equal(["WATCHDOG=1"], _listener.Drain());

        // The loop reports once more at t=15, then hangs.
        watchdog.ReportAlive();
        _clock.Advance(15);
        Assert.Equal(["WATCHDOG=1"], _listener.Drain()); // silent for exactly one tick: still fresh
        _clock.Advance(15);
        Assert.Empty(_listener.Drain());
        _clock.Advance(60);
        Assert.Empty(_listener.Drain());

        // The last ping was at t=30, one tick after the last report; systemd acts at t=60, within
        // 1.5 × the timeout of the hang. The stall is logged once, not on every tick.
        Assert.Equal([1302, 1001, 1303], _logger.EventIds);
    }

    [Fact]
    public void A_loop_that_responds_again_gets_its_pings_back_and_the_recovery_is_logged()
    {
        using var watchdog = new SystemdReporter(_notifier, AllUp, _clock, _logger, TimeSpan.FromSeconds(30));
        watchdog.StartTicks();
        Ready(watchdog);
        _clock.Advance(30);
        _listener.Drain();
        Assert.Equal([1302, 1001, 1303], _logger.EventIds);

        _clock.Advance(5);
        watchdog.ReportAlive();
        _clock.Advance(10);

        Assert.Equal(["WATCHDOG=1"], _listener.Drain());
        Assert.Equal([1302, 1001, 1303, 1304], _logger.EventIds);
        Assert.Contains("after 35s of silence", _logger.Entries[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_ready_a_live_loop_extends_the_start_timeout_by_three_ticks()
    {
        using var watchdog = new SystemdReporter(_notifier, AllUp, _clock, _logger, TimeSpan.FromSeconds(30));
        watchdog.StartTicks();
        watchdog.ReportAlive();
        _clock.Advance(15);

        Assert.Equal(["WATCHDOG=1", "EXTEND_TIMEOUT_USEC=45000000"], _listener.Drain());

        Ready(watchdog);
        watchdog.ReportAlive();
        _clock.Advance(15);
        Assert.Equal(["WATCHDOG=1"], _listener.Drain());
    }

    [Fact]
    public void Without_a_watchdog_the_ticks_only_extend_start_up_and_stop_once_ready()
    {
        using var watchdog = new SystemdReporter(_notifier, AllUp, _clock, _logger, null);
        watchdog.StartTicks();
        Assert.Equal(1, _clock.ArmedTimers);

        _clock.Advance(10);
        Assert.Equal(["EXTEND_TIMEOUT_USEC=30000000"], _listener.Drain());

        // A loop hung during start-up stops extending: systemd's TimeoutStartSec then applies.
        _clock.Advance(20);
        Assert.Empty(_listener.Drain());
        watchdog.ReportAlive();

        Ready(watchdog);
        Assert.Equal(0, _clock.ArmedTimers);
        _clock.Advance(100);
        Assert.Empty(_listener.Drain());
        Assert.DoesNotContain(1302, _logger.EventIds);
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_the_watchdog_arms_nothing()
    {
        using var off = new SystemdNotifier(null, _logger);
        using var watchdog = new SystemdReporter(off, AllUp, _clock, _logger, TimeSpan.FromSeconds(30));

        watchdog.StartTicks();

        Assert.Equal(0, _clock.ArmedTimers);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void After_dispose_no_tick_is_left()
    {
        var watchdog = new SystemdReporter(_notifier, AllUp, _clock, _logger, TimeSpan.FromSeconds(30));
        watchdog.StartTicks();
        watchdog.Dispose();

        Assert.Equal(0, _clock.ArmedTimers);
        _clock.Advance(60);
        Assert.Empty(_listener.Drain());
    }

    /// <summary>Makes the reporter ready (no tunnels: log line 1001), which ends start-up, and forgets its READY=1.</summary>
    private void Ready(SystemdReporter reporter)
    {
        Assert.True(reporter.Publish([]));
        _listener.Drain();
    }
}
