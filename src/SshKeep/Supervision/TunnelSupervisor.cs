using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Observability;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>
/// One tunnel of the daemon: one ssh at a time, started, watched and restarted (design: one loop
/// per tunnel). Decisions come from <see cref="TunnelRetryPolicy"/>; this class carries them out
/// and publishes a <see cref="TunnelStatus"/> on every transition.
/// </summary>
public sealed class TunnelSupervisor
{
    private readonly ISshLauncher _launcher;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly TunnelSupervisorOptions _options;
    private readonly Action<TunnelStatus> _onChange;
    private readonly Channel<(TunnelCommand Command, string Trigger)> _commands = Channel.CreateUnbounded<(TunnelCommand, string)>();
    private readonly Lock _gate = new();
    private TunnelStatus _status;

    public TunnelSupervisor(TunnelConfig config, ISshLauncher launcher, ILogger logger, TimeProvider time,
        TunnelSupervisorOptions options, Action<TunnelStatus> onChange)
    {
        Config = config;
        _launcher = launcher;
        _log = logger;
        _time = time;
        _options = options;
        _onChange = onChange;
        // A supervisor exists to run its tunnel: it is starting until its first ssh proves healthy.
        _status = new TunnelStatus { Name = config.Name, State = TunnelState.Starting, Since = time.GetUtcNow() };
    }

    public TunnelConfig Config { get; }

    public TunnelStatus Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>True once the tunnel has been up at least once (systemd READY=1).</summary>
    public bool EverUp { get; private set; }

    /// <summary>True once the first ssh run has ended or the tunnel came up (READY after the first round).</summary>
    public bool Attempted { get; private set; }

    /// <summary>Ends a back-off wait now (SIGUSR1, `retry-now`, a network change).</summary>
    /// <param name="trigger">Who asked, for the log ("SIGUSR1", "retry-now from the CLI").</param>
    public void RetryNow(string trigger = "retry-now") => _commands.Writer.TryWrite((TunnelCommand.RetryNow, trigger));

    /// <summary>Stops the running ssh (if any) and starts a new one at once (`restart NAME`).</summary>
    public void Restart(string trigger = "restart") => _commands.Writer.TryWrite((TunnelCommand.Restart, trigger));

    /// <summary>Runs until <paramref name="stop"/> is cancelled; then stops ssh and returns.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        if (InsecureValue(Config) is { } insecure) _log.InsecureHostKeyChecking(Config.Name, insecure);
        var failures = 0;
        var attempt = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                attempt++;
                var (outcome, restartAtOnce) = await RunOnceAsync(attempt, stop);
                Attempted = true;
                if (stop.IsCancellationRequested) break;
                if (restartAtOnce) continue;

                var next = TunnelRetryPolicy.After(outcome, failures, Config.Backoff, _options.NextUnit());
                failures = next.Failures;
                LogNext(outcome, next);
                Publish(s => s with
                {
                    State = next.State,
                    Since = _time.GetUtcNow(),
                    UpSince = null,
                    Pid = null,
                    NextRetry = _time.GetUtcNow() + next.Delay,
                    HeldRemotePort = next.HeldRemotePort,
                });
                await WaitAsync(next.Delay, stop);
            }
        }
        finally
        {
            Publish(s => s with { State = TunnelState.Stopped, Since = _time.GetUtcNow(), Pid = null, UpSince = null, NextRetry = null });
            _log.TunnelStopped(Config.Name, "sshkeep stopped it");
        }
    }

    /// <summary>One ssh run. Returns the outcome, and whether to start again at once (restart requested).</summary>
    private async Task<(TunnelRunOutcome Outcome, bool RestartAtOnce)> RunOnceAsync(int attempt, CancellationToken stop)
    {
        var startInfo = _options.StartInfoFor(Config);
        var startedAt = _time.GetUtcNow();
        Publish(s => s with
        {
            State = TunnelState.Starting,
            Since = startedAt,
            Restarts = attempt - 1,
            UpSince = null,
            NextRetry = null,
            HeldRemotePort = null,
        });

        ISshProcess process;
        try
        {
            process = _launcher.Start(startInfo);
        }
        catch (SshStartException e)
        {
            // A missing ssh program is a configuration problem: a person must fix ssh_path.
            var reason = $"cannot run {e.Program}: {e.Reason}";
            Publish(s => s with { LastError = reason });
            return (new TunnelRunOutcome(null, new SshStderrLine(SshFailureKind.BadConfiguration), false, TimeSpan.Zero, TimeSpan.Zero, reason), false);
        }

        await using var _ = process;
        Publish(s => s with { Pid = process.Pid });
        _log.TunnelStarting(Config.Name, Config.Destination, attempt, process.Pid);

        var run = new RunWatch(process, Config, _log, _time, _options, line => Publish(s => s with { LastError = line }));
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var stderrPump = run.PumpStderrAsync(runCts.Token);
        var upDetection = run.DetectUpAsync(runCts.Token);
        DateTimeOffset? upSince = null;
        var restartAtOnce = false;
        ChildExit? exit = null;
        string? stoppedReason = null;

        try
        {
            var stopped = Task.Delay(Timeout.Infinite, stop);
            while (true)
            {
                var command = _commands.Reader.WaitToReadAsync(runCts.Token).AsTask();
                var done = await Task.WhenAny(process.Exited, process.Stopped, upDetection, command, stopped);
                if (process.Exited.IsCompleted)
                {
                    exit = await process.Exited;
                    break;
                }

                if (stop.IsCancellationRequested)
                {
                    exit = await process.StopAsync(_options.StopGrace);
                    break;
                }

                if (done == process.Stopped)
                {
                    stoppedReason = "ssh was stopped (SIGSTOP)";
                    _log.TunnelStopping(Config.Name, process.Pid, $"{stoppedReason}; a stopped ssh forwards nothing", _options.StopGrace);
                    Publish(s => s with { LastError = stoppedReason });
                    exit = await process.StopAsync(_options.StopGrace);
                    break;
                }

                if (done == upDetection)
                {
                    var cameUp = upDetection.IsCompletedSuccessfully;
                    upDetection = Task.Delay(Timeout.Infinite, runCts.Token);
                    if (!cameUp) continue;
                    upSince = _time.GetUtcNow();
                    Attempted = true;
                    _log.TunnelUp(Config.Name, process.Pid, upSince.Value - startedAt);
                    Publish(s => s with { State = TunnelState.Up, Since = upSince.Value, UpSince = upSince });
                    continue;
                }

                if (_commands.Reader.TryRead(out var cmd) && cmd.Command == TunnelCommand.Restart)
                {
                    _log.TunnelRestartRequested(Config.Name, cmd.Trigger);
                    exit = await process.StopAsync(_options.StopGrace);
                    restartAtOnce = true;
                    break;
                }

                // RetryNow while ssh runs has nothing to cut short.
            }
        }
        finally
        {
            await runCts.CancelAsync();
        }

        // Let the last stderr lines (the reason ssh gave up) arrive before deciding.
        await Task.WhenAny(stderrPump, Task.Delay(TimeSpan.FromMilliseconds(500), _time));
        var endedAt = _time.GetUtcNow();
        var decisive = run.Decisive;
        var why = stoppedReason ?? run.LastLine ?? (exit is { } ended ? $"ssh exited with {ended}" : "ssh ended");
        Publish(s => s with { LastExit = exit?.ToString(), Pid = null });
        return (new TunnelRunOutcome(exit, decisive, upSince is not null, upSince is { } u ? endedAt - u : TimeSpan.Zero,
            endedAt - startedAt, why), restartAtOnce);
    }

    /// <summary>Waits out a back-off, cut short by retry-now, restart or stop.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var timer = Task.Delay(delay, _time, cts.Token);
        try
        {
            while (true)
            {
                var command = _commands.Reader.WaitToReadAsync(cts.Token).AsTask();
                var done = await Task.WhenAny(timer, command);
                if (done == timer || stop.IsCancellationRequested) return;
                if (_commands.Reader.TryRead(out var cmd))
                {
                    _log.WaitCutShort(Config.Name, cmd.Trigger);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        finally
        {
            await cts.CancelAsync();
        }
    }

    private void LogNext(TunnelRunOutcome outcome, TunnelNextStep next)
    {
        if (outcome.Exit is null)
        {
            _log.SshStartFailed(Config.Name, _options.StartInfoFor(Config).Program, next.Reason, next.Delay);
            return;
        }

        switch (next.State)
        {
            case TunnelState.NeedsAttention:
                _log.NeedsAttention(Config.Name, next.Reason, FixFor(outcome.Decisive.Kind), next.Delay);
                break;
            case TunnelState.WaitingForRemotePort:
                _log.WaitingForRemotePort(Config.Name, next.HeldRemotePort ?? 0, next.Delay);
                break;
            default:
                _log.SshExited(Config.Name, outcome.Exit.ToString()!, outcome.SinceStart, next.Delay, next.Failures + 1);
                break;
        }
    }

    private static string FixFor(SshFailureKind kind) => kind switch
    {
        SshFailureKind.AuthenticationRefused => "Check identity_file and that its public key is in the server's authorized_keys.",
        SshFailureKind.HostKeyRejected => "Check the server's host key and update known_hosts (ssh-keygen -R host, then connect once by hand).",
        _ => "Fix the tunnel's settings (ssh_path, ssh_options) and run `sshkeep reload`.",
    };

    /// <summary>The StrictHostKeyChecking value when it turns host key checking off.</summary>
    private static string? InsecureValue(TunnelConfig config) =>
        config.SshOptions.FirstOrDefault(o => o.Key.Equals("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase) &&
                                              (o.Value.Equals("no", StringComparison.OrdinalIgnoreCase) ||
                                               o.Value.Equals("off", StringComparison.OrdinalIgnoreCase))).Value;

    private void Publish(Func<TunnelStatus, TunnelStatus> change)
    {
        TunnelStatus next;
        lock (_gate)
        {
            next = change(_status);
            if (next == _status) return;
            _status = next;
            // Set with the status itself, so a reader never sees "ever up" before "up".
            if (next.State == TunnelState.Up) EverUp = true;
        }

        _onChange(next);
    }
}
