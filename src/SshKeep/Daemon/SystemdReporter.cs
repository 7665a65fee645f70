using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Ssh;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>What the daemon tells systemd, and when (docs/daemon.md "systemd", "Watchdog" and "Readiness").
/// Thread-safe; with a disabled notifier it still decides readiness and logs it.</summary>
internal sealed class SystemdReporter : IDisposable
{
    public static readonly TimeSpan StartupTick = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly SystemdNotifier _notifier;
    private readonly ReadyWhen _readyWhen;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _readyTimeout;
    private readonly TimeSpan? _watchdogTimeout;
    private readonly long _started;
    private bool _reloading;

    /// <summary>READY=1 has been due (and sent, when systemd listens): start-up is over.</summary>
    private bool _ready;

    private string? _lastStatus;

    private long _lastReport;
    private ITimer? _timer;
    private bool _withholding;
    private long _stalledReport;
    private bool _disposed;

    /// <param name="config">Its <c>ready_when</c> and <c>ready_timeout</c>, the timeout counted from now.</param>
    /// <param name="watchdogTimeout">Null without a watchdog.</param>
    public SystemdReporter(SystemdNotifier notifier, SshKeepConfig config, TimeProvider timeProvider, ILogger logger,
        TimeSpan? watchdogTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (watchdogTimeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(watchdogTimeout), t, "The watchdog timeout must be positive.");
        _notifier = notifier;
        _readyWhen = config.ReadyWhen;
        _time = timeProvider;
        _logger = logger;
        _watchdogTimeout = watchdogTimeout;
        _readyTimeout = config.ReadyTimeout;
        _started = _lastReport = timeProvider.GetTimestamp();
    }

    public TimeSpan TickInterval => _watchdogTimeout is { } t ? t / 2 : StartupTick;

    /// <summary>Twice per tick, so one late <see cref="ReportAlive"/> does not cost a ping.</summary>
    public TimeSpan ReportInterval => TickInterval / 2;

    /// <summary>A one-shot timer for when <c>ready_timeout</c> passes: nothing may change then (a tunnel in a
    /// long backoff), so <paramref name="recheck"/> must make the owner call <see cref="Publish"/> once more.</summary>
    public ITimer ArmReadyTimeout(Action recheck)
    {
        ArgumentNullException.ThrowIfNull(recheck);
        TimeSpan due = _readyTimeout - _time.GetElapsedTime(_started);
        return _time.CreateTimer(static s => ((Action)s!)(), recheck, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>STATUS= when the line changed, with READY=1 in the same datagram the first time readiness
    /// is due; true on that call.</summary>
    public bool Publish(IReadOnlyList<ListedTunnel> tunnels)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        lock (_gate)
        {
            var statuses = tunnels.Select(t => t.Status).ToList();
            string status = SystemdStatusLine.Build(statuses, _time.GetUtcNow());
            var decision = DecideReadiness(_readyWhen, tunnels, _ready, _time.GetElapsedTime(_started), _readyTimeout);
            if (decision is Readiness.Ready or Readiness.ReadyAfterTimeout)
            {
                _ready = true;
                _lastStatus = status;
                _notifier.Status(status, "READY=1\n");
                // No more start-up extensions, and no ticks at all without a watchdog.
                if (_watchdogTimeout is null) StopTicks();
                string rule = KebabName.Of(_readyWhen);
                _logger.DaemonReady(decision == Readiness.ReadyAfterTimeout
                        ? $"{rule}, ready_timeout {new DaemonDuration(_readyTimeout)} passed"
                        : rule,
                    statuses.Count(s => s.State == TunnelState.Up),
                    DaemonCount.Tunnels(statuses.Count(s => s.State != TunnelState.Stopped)));
                return true;
            }
            if (status != _lastStatus)
            {
                _lastStatus = status;
                _notifier.Status(status);
            }
            return false;
        }
    }

    /// <summary>Only once ready: while systemd still waits for start-up, a reload is just more of the start-up.</summary>
    public void BeginReload()
    {
        lock (_gate)
        {
            if (!_ready || _reloading) return;
            _reloading = true;
            _notifier.Reloading();
            _lastStatus = "reloading";
            _notifier.Status(_lastStatus);
        }
    }

    /// <summary>Applied or refused: READY=1 ends systemd's "reloading" state.</summary>
    public void EndReload(IReadOnlyList<ListedTunnel> tunnels)
    {
        lock (_gate)
        {
            if (_reloading)
            {
                _reloading = false;
                _notifier.Send("READY=1");
            }
        }
        Publish(tunnels);
    }

    public void Stopping(int tunnelCount)
    {
        lock (_gate)
        {
            _lastStatus = "stopping " + DaemonCount.Tunnels(tunnelCount);
            _notifier.Status(_lastStatus, "STOPPING=1\n");
        }
    }

    /// <summary>sd_watchdog_enabled(3): WATCHDOG_USEC (µs, positive) applies to us when WATCHDOG_PID is
    /// unset or our pid (a child that inherited it must not ping for the parent). Null: no watchdog.</summary>
    public static TimeSpan? WatchdogTimeoutFromEnvironment(string? watchdogUsec, string? watchdogPid, int processId)
    {
        bool forUs = string.IsNullOrEmpty(watchdogPid)
            || (int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid == processId);
        if (!forUs || !ulong.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out ulong usec) || usec == 0)
            return null;
        // TimeSpan's range ends near 29 000 years; a larger value is as good as no watchdog.
        return usec > (ulong)(TimeSpan.MaxValue.Ticks / 10) ? null : TimeSpan.FromMicroseconds(usec);
    }

    public static TimeSpan? WatchdogTimeoutFromEnvironment(IReadOnlyDictionary<string, string> environment) =>
        WatchdogTimeoutFromEnvironment(environment.GetValueOrDefault(SystemdEnvironment.WatchdogUsec),
            environment.GetValueOrDefault(SystemdEnvironment.WatchdogPid), Environment.ProcessId);

    /// <summary>Counts as a first report.</summary>
    public void StartTicks()
    {
        if (!_notifier.IsEnabled) return;
        lock (_gate)
        {
            if (_disposed || _timer is not null) return;
            Volatile.Write(ref _lastReport, _time.GetTimestamp());
            if (_watchdogTimeout is { } timeout) _logger.SystemdWatchdogEnabled(timeout, TickInterval);
            _timer = _time.CreateTimer(static s => ((SystemdReporter)s!).Tick(), this, TickInterval, TickInterval);
        }
    }

    /// <summary>Call it from the supervisor loop's own processing, never from a timer of its own.</summary>
    public void ReportAlive() => Volatile.Write(ref _lastReport, _time.GetTimestamp());

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            StopTicks();
        }
    }

    public static KeepAlive DecideKeepAlive(TimeSpan silence, TimeSpan freshness, bool watchdogEnabled, bool startupPending)
    {
        if (silence > freshness) return KeepAlive.None;
        return (watchdogEnabled ? KeepAlive.Ping : KeepAlive.None) | (startupPending ? KeepAlive.ExtendStart : KeepAlive.None);
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_disposed || _timer is null) return;
            long lastReport = Volatile.Read(ref _lastReport);
            TimeSpan silence = _time.GetElapsedTime(lastReport);
            var send = DecideKeepAlive(silence, TickInterval, _watchdogTimeout is not null, !_ready);
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
            if (send.HasFlag(KeepAlive.Ping)) _notifier.Send("WATCHDOG=1");
            if (send.HasFlag(KeepAlive.ExtendStart)) _notifier.ExtendTimeout(3 * TickInterval);
        }
    }

    /// <summary>Under <see cref="_gate"/>.</summary>
    private void StopTicks()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Whether READY=1 is due (docs/daemon.md "Readiness").</summary>
    public static Readiness DecideReadiness(ReadyWhen readyWhen, IReadOnlyList<ListedTunnel> tunnels, bool alreadySent,
        TimeSpan elapsed, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        if (alreadySent) return Readiness.AlreadySent;
        foreach (var tunnel in tunnels)
        {
            if (tunnel.Status.State is TunnelState.Stopped or TunnelState.NeedsAttention) continue;
            bool settled = tunnel.EverUp || (readyWhen == ReadyWhen.FirstAttempt && tunnel.Attempted);
            if (!settled) return elapsed >= timeout ? Readiness.ReadyAfterTimeout : Readiness.Wait;
        }
        return Readiness.Ready;
    }

    public enum Readiness
    {
        Wait,
        Ready,
        ReadyAfterTimeout,
        AlreadySent,
    }

    /// <summary>What one tick sends: WATCHDOG=1 (<see cref="Ping"/>), EXTEND_TIMEOUT_USEC (<see cref="ExtendStart"/>).</summary>
    [Flags]
    public enum KeepAlive
    {
        None = 0,
        Ping = 1,
        ExtendStart = 2,
    }
}
