using System.Globalization;
using Microsoft.Extensions.Logging;
using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Daemon;

/// <summary>
/// systemd's watchdog, tied to the supervisor loop so that a hung loop stops the pings and systemd
/// restarts sshkeep (docs/daemon.md "systemd"). A timer ticks every half watchdog timeout (as
/// sd_watchdog_enabled(3) recommends) and sends WATCHDOG=1 only if the loop called
/// <see cref="ReportAlive"/> within the last tick: the timer's thread is alive even when the loop
/// is stuck, so it proves nothing itself. A hung loop is caught within 1.5 × the timeout.
/// </summary>
/// <remarks>
/// Until <see cref="StartupCompleted"/> the same tick sends EXTEND_TIMEOUT_USEC for three ticks
/// while the loop is alive: systemd only runs the watchdog after READY=1, so this catches a loop
/// that hangs during start-up, and a live daemon whose servers are down is not killed for being
/// slow to become ready (which would drop the tunnels that are up).
/// </remarks>
internal sealed class SystemdWatchdog : IDisposable
{
    /// <summary>The tick when only the start-up extension is needed (no WatchdogSec).</summary>
    public static readonly TimeSpan StartupTick = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly SystemdNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _lastReport;
    private ITimer? _timer;
    private bool _startupPending = true;
    private bool _withholding;
    private long _stalledReport;
    private bool _disposed;

    /// <param name="notifier">Where pings go; a disabled notifier makes this a no-op.</param>
    /// <param name="timeout">The watchdog timeout (<see cref="TimeoutFromEnvironment(IReadOnlyDictionary{string, string})"/>), or null without a watchdog.</param>
    public SystemdWatchdog(SystemdNotifier notifier, TimeSpan? timeout, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), t, "The watchdog timeout must be positive.");
        _notifier = notifier;
        _time = timeProvider;
        _logger = logger;
        Timeout = timeout;
        _lastReport = timeProvider.GetTimestamp();
    }

    public TimeSpan? Timeout { get; }

    /// <summary>Time between ticks: half the watchdog timeout, or <see cref="StartupTick"/>.</summary>
    public TimeSpan TickInterval => Timeout is { } t ? t / 2 : StartupTick;

    /// <summary>How often the loop should call <see cref="ReportAlive"/>: twice per tick, so one
    /// late report does not cost a ping.</summary>
    public TimeSpan ReportInterval => TickInterval / 2;

    /// <summary>sd_watchdog_enabled(3): WATCHDOG_USEC (µs, positive) applies to us when WATCHDOG_PID is
    /// unset or our pid (a child that inherited it must not ping for the parent). Null: no watchdog.</summary>
    public static TimeSpan? TimeoutFromEnvironment(string? watchdogUsec, string? watchdogPid, int processId)
    {
        if (string.IsNullOrEmpty(watchdogUsec) ||
            !ulong.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out ulong usec) || usec == 0)
        {
            return null;
        }
        if (!string.IsNullOrEmpty(watchdogPid) &&
            (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid != processId))
        {
            return null;
        }
        // TimeSpan's range ends near 29 000 years; a larger value is as good as no watchdog.
        return usec > (ulong)(TimeSpan.MaxValue.Ticks / 10) ? null : TimeSpan.FromMicroseconds(usec);
    }

    /// <summary>This process's watchdog timeout, from its environment (read at the command's entry).</summary>
    public static TimeSpan? TimeoutFromEnvironment(IReadOnlyDictionary<string, string> environment) =>
        TimeoutFromEnvironment(environment.GetValueOrDefault(SystemdEnvironment.WatchdogUsec),
            environment.GetValueOrDefault(SystemdEnvironment.WatchdogPid), Environment.ProcessId);

    /// <summary>The pure rule of one tick: nothing when the loop has been silent for longer than
    /// <paramref name="freshness"/>; otherwise a ping when the watchdog is on, and a start-up
    /// extension while start-up is pending.</summary>
    public static KeepAlive Decide(TimeSpan silence, TimeSpan freshness, bool watchdogEnabled, bool startupPending)
    {
        if (silence > freshness) return KeepAlive.None;
        return (watchdogEnabled ? KeepAlive.Ping : KeepAlive.None) | (startupPending ? KeepAlive.ExtendStart : KeepAlive.None);
    }

    /// <summary>Arms the ticks (no-op when the notifier is off). Counts as a first report.</summary>
    public void Start()
    {
        if (!_notifier.IsEnabled) return;
        lock (_gate)
        {
            if (_disposed || _timer is not null) return;
            Volatile.Write(ref _lastReport, _time.GetTimestamp());
            if (Timeout is { } timeout) _logger.SystemdWatchdogEnabled(timeout, TickInterval);
            _timer = _time.CreateTimer(static s => ((SystemdWatchdog)s!).Tick(), this, TickInterval, TickInterval);
        }
    }

    /// <summary>The pet hook: the supervisor loop is alive. Cheap (one atomic write); call it
    /// from the loop's own processing, never from a timer of its own.</summary>
    public void ReportAlive() => Volatile.Write(ref _lastReport, _time.GetTimestamp());

    /// <summary>READY=1 was sent: no more start-up extensions (and no ticks at all without a watchdog).</summary>
    public void StartupCompleted()
    {
        lock (_gate)
        {
            _startupPending = false;
            if (Timeout is null)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>One tick: decide and send.</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            if (_disposed || _timer is null) return;
            long lastReport = Volatile.Read(ref _lastReport);
            TimeSpan silence = _time.GetElapsedTime(lastReport);
            var send = Decide(silence, TickInterval, Timeout is not null, _startupPending);
            if (send == KeepAlive.None && silence > TickInterval)
            {
                if (!_withholding)
                {
                    _withholding = true;
                    _stalledReport = lastReport;
                    _logger.SystemdWatchdogWithheld(silence);
                }
            }
            else if (_withholding)
            {
                _withholding = false;
                _logger.SystemdWatchdogResumed(_time.GetElapsedTime(_stalledReport, lastReport));
            }
            if (send.HasFlag(KeepAlive.Ping)) _notifier.Watchdog();
            if (send.HasFlag(KeepAlive.ExtendStart)) _notifier.ExtendTimeout(3 * TickInterval);
        }
    }

    /// <summary>What one tick sends: WATCHDOG=1 (<see cref="Ping"/>), EXTEND_TIMEOUT_USEC (<see cref="ExtendStart"/>), both, or nothing.</summary>
    [Flags]
    public enum KeepAlive
    {
        None = 0,
        Ping = 1,
        ExtendStart = 2,
    }
}
