using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>
/// What the daemon tells systemd as its tunnels change (docs/daemon.md "systemd"): READY=1 once
/// (<see cref="DecideReadiness"/>), a STATUS= line whenever it reads differently
/// (<see cref="SystemdStatusLine"/>), RELOADING=1 … READY=1 around a reload, and STOPPING=1. The
/// daemon's status writer calls <see cref="Publish"/> with its fold of the transitions
/// (<see cref="StatusFold"/>). Thread-safe; with a disabled notifier it still decides readiness and logs it.
/// </summary>
internal sealed class SystemdReporter
{
    /// <summary>The <c>ready_timeout</c> when the file does not set one.</summary>
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly SystemdNotifier _notifier;
    private readonly ReadyWhen _readyWhen;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SystemdWatchdog? _watchdog;
    private readonly TimeSpan _readyTimeout;
    private readonly long _started;
    private bool _reloading;

    /// <summary>READY=1 has been due (and sent, when systemd listens).</summary>
    private bool _ready;

    /// <summary>The last STATUS= text sent (or that would have been).</summary>
    private string? _lastStatus;

    /// <param name="watchdog">Told when start-up is complete, so it stops extending the start timeout.</param>
    /// <param name="readyTimeout">The config's <c>ready_timeout</c>, counted from now.</param>
    public SystemdReporter(SystemdNotifier notifier, ReadyWhen readyWhen, TimeProvider timeProvider, ILogger logger,
        SystemdWatchdog? watchdog = null, TimeSpan? readyTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _notifier = notifier;
        _readyWhen = readyWhen;
        _time = timeProvider;
        _logger = logger;
        _watchdog = watchdog;
        _readyTimeout = readyTimeout ?? DefaultReadyTimeout;
        _started = timeProvider.GetTimestamp();
    }

    /// <summary>Arms a one-shot timer for when <c>ready_timeout</c> passes: nothing may change then (a
    /// tunnel in a long backoff), so <paramref name="recheck"/> must make the owner call
    /// <see cref="Publish"/> once more. Dispose it when the daemon stops.</summary>
    public ITimer ArmReadyTimeout(Action recheck)
    {
        ArgumentNullException.ThrowIfNull(recheck);
        TimeSpan due = _readyTimeout - _time.GetElapsedTime(_started);
        return _time.CreateTimer(static s => ((Action)s!)(), recheck, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Sends STATUS= when the line changed, with READY=1 in the same datagram the first time
    /// readiness is due. Returns true on the call that made the daemon ready.</summary>
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
                _notifier.Send("READY=1\nSTATUS=" + SystemdNotifier.StatusValue(status));
                _watchdog?.StartupCompleted();
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

    /// <summary>A reload starts: RELOADING=1 and STATUS=reloading. Only once ready: while systemd
    /// still waits for start-up, a reload is just more of the start-up.</summary>
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

    /// <summary>The reload is done (applied or refused): READY=1 ends systemd's "reloading"
    /// state, then the status line is published as usual.</summary>
    public void EndReload(IReadOnlyList<ListedTunnel> tunnels)
    {
        lock (_gate)
        {
            if (_reloading)
            {
                _reloading = false;
                _notifier.Ready();
            }
        }
        Publish(tunnels);
    }

    /// <summary>STOPPING=1 with a last status line.</summary>
    public void Stopping(int tunnelCount)
    {
        lock (_gate)
        {
            _lastStatus = tunnelCount == 1 ? "stopping 1 tunnel" : $"stopping {tunnelCount} tunnels";
            _notifier.Send("STOPPING=1\nSTATUS=" + _lastStatus);
        }
    }

    /// <summary>Whether READY=1 is due (pure; the rule and its reasons: docs/daemon.md "Readiness"): a
    /// tunnel in needs-attention is settled at once, stopped ones are not counted, one still on its
    /// way holds READY=1 until <paramref name="elapsed"/> reaches <paramref name="timeout"/>.</summary>
    public static Readiness DecideReadiness(ReadyWhen readyWhen, IReadOnlyList<ListedTunnel> tunnels, bool alreadySent,
        TimeSpan elapsed, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        if (alreadySent) return Readiness.AlreadySent;
        foreach (var tunnel in tunnels)
        {
            if (tunnel.Status.State is TunnelState.Stopped or TunnelState.NeedsAttention) continue;
            bool settled = readyWhen switch
            {
                ReadyWhen.FirstAttempt => tunnel.EverUp || tunnel.Attempted,
                _ => tunnel.EverUp,
            };
            if (!settled) return elapsed >= timeout ? Readiness.ReadyAfterTimeout : Readiness.Wait;
        }
        return Readiness.Ready;
    }

    /// <summary>What <see cref="DecideReadiness"/> says about READY=1; it never goes out twice (<see cref="AlreadySent"/>).</summary>
    public enum Readiness
    {
        Wait,
        Ready,
        ReadyAfterTimeout,
        AlreadySent,
    }
}
