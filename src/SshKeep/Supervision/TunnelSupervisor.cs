using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Logging;
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
    private readonly ConnectStallWatch? _stallWatch;
    private readonly StderrLogLimiter _stderrLogLimit;
    private ProbeClock? _ownProbeClock;
    // The connection of a session that ended while the server did not answer, kept to be reset
    // when the server next answers (SessionSocketClaim says why); null when there is none.
    private SessionSocketClaim? _deadSession;

    /// <summary>How long ssh's stderr may stay open after its exit before the run is judged without it.</summary>
    private static readonly TimeSpan StderrAfterExit = TimeSpan.FromMilliseconds(500);
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
        _stallWatch = options.Reachability is { } reachability ? new ConnectStallWatch(reachability, time) : null;
        _stderrLogLimit = new StderrLogLimiter(time);
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

    /// <summary>Ends a back-off wait now (SIGUSR1, `retry-now`).</summary>
    /// <param name="trigger">Who asked, for the log ("SIGUSR1", "retry-now from the CLI").</param>
    public void RetryNow(string trigger = "retry-now") => _commands.Writer.TryWrite((TunnelCommand.RetryNow, trigger));

    /// <summary>Stops the running ssh (if any) and starts a new one at once (`restart NAME`).</summary>
    public void Restart(string trigger = "restart") => _commands.Writer.TryWrite((TunnelCommand.Restart, trigger));

    /// <summary>The network changed: a waiting tunnel retries at once, an up one is probed at once.</summary>
    public void NetworkChanged(string what) => _commands.Writer.TryWrite((TunnelCommand.NetworkChanged, what));

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

                // ssh authenticated and found its remote port held: the server answers, so a dead
                // session of ours that may hold the port can be reset now.
                var reset = outcome.Decisive.Kind == SshFailureKind.RemotePortInUse ? ResetDeadSession() : null;
                var next = TunnelRetryPolicy.After(outcome, failures, Config.Backoff, _options.NextUnit(), deadSessionReset: reset is not null);
                failures = next.Failures;
                var holder = LogNext(outcome, next, reset);
                Publish(s => s with
                {
                    State = next.State,
                    Since = _time.GetUtcNow(),
                    UpSince = null,
                    Pid = null,
                    NextRetry = _time.GetUtcNow() + next.Delay,
                    HeldRemotePort = next.HeldRemotePort,
                    LastError = holder is null ? s.LastError : $"{s.LastError} ({holder})",
                });
                await WaitAsync(next, outcome.CouldNotConnect, stop);
            }
        }
        finally
        {
            // Stopping: a plain close, whose FIN the kernel keeps retrying on its own.
            _deadSession?.Dispose();
            _deadSession = null;
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
            Attempts = attempt,
            UpSince = null,
            NextRetry = null,
            HeldRemotePort = null,
        });

        ISshProcess process;
        try
        {
            _options.BeforeStart?.Invoke(Config);
            process = _launcher.Start(startInfo);
        }
        catch (SshStartException e)
        {
            // A missing ssh program is a configuration problem: a person must fix ssh_path.
            var reason = $"cannot run {e.Program}: {e.Reason}";
            Publish(s => s.WithError(reason, _time.GetUtcNow()) with { LastRestartReason = RestartReasons.StartFailed });
            return (new TunnelRunOutcome(null, new SshStderrLine(SshFailureKind.BadConfiguration), false, TimeSpan.Zero, TimeSpan.Zero, reason), false);
        }

        await using var _ = process;
        Publish(s => s with { Pid = process.Pid });
        _log.TunnelStarting(Config.Name, Config.Destination, attempt, process.Pid);

        var run = new RunWatch(process, Config, _log, _time, _options, _stderrLogLimit, line => Publish(s => s.WithError(line, _time.GetUtcNow())));
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        // stderr outlives the run: ssh's last lines (why it gave up) can be read after its exit was.
        using var stderrCts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var never = Task.Delay(Timeout.InfiniteTimeSpan, _time, runCts.Token);
        var stderrPump = run.PumpStderrAsync(stderrCts.Token);
        var sessionReady = run.DetectUpAsync(runCts.Token);
        var stall = _stallWatch?.WatchAsync(process.Pid, runCts.Token) ?? Never<System.Net.IPEndPoint>(never);
        ProbeLoop? probes = null;
        Task<ProbeResult> condemned = Never<ProbeResult>(never);
        Task healthy = never;
        DateTimeOffset? upSince = null;
        SessionSocketClaim? claim = null;
        var restartAtOnce = false;
        ChildExit? exit = null;
        string? endedBy = null;
        string? endReason = null;

        try
        {
            var stopped = Task.Delay(Timeout.Infinite, stop);
            while (true)
            {
                var command = _commands.Reader.WaitToReadAsync(runCts.Token).AsTask();
                var done = await Task.WhenAny(process.Exited, process.Stopped, sessionReady, healthy, condemned, stall, command, stopped);
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
                    endedBy = "ssh was stopped (SIGSTOP)";
                    endReason = RestartReasons.Stopped;
                    _log.TunnelStopping(Config.Name, process.Pid, $"{endedBy}; a stopped ssh forwards nothing", _options.StopGrace);
                    Publish(s => s.WithError(endedBy, _time.GetUtcNow()));
                    exit = await process.StopAsync(_options.StopGrace);
                    break;
                }

                if (done == sessionReady)
                {
                    var ready = sessionReady.IsCompletedSuccessfully;
                    sessionReady = never;
                    if (!ready) continue;
                    if (_options.ProbeForward is { } probe && ProbeSchedule.Enabled(Config.Health))
                    {
                        // The session is there; the tunnel is up once its probes pass end to end.
                        probes = new ProbeLoop(Config, probe, _time, _options.ProbeClock ?? OwnProbeClock(), _log, _options.OnProbe);
                        condemned = probes.RunUntilCondemnedAsync(runCts.Token);
                        healthy = probes.FirstPass;
                        continue;
                    }

                    healthy = Task.CompletedTask;
                    continue;
                }

                if (done == healthy)
                {
                    healthy = never;
                    upSince = _time.GetUtcNow();
                    Attempted = true;
                    if (probes is not null) _log.FirstProbePassed(Config.Name, upSince.Value - startedAt);
                    _log.TunnelUp(Config.Name, process.Pid, upSince.Value - startedAt);
                    Publish(s => s with { State = TunnelState.Up, Since = upSince.Value, UpSince = upSince });
                    if (_options.ClaimSessionSocket is { } claimSocket && Config.Forwards.Any(f => f.Kind == ForwardKind.Remote))
                    {
                        // This session holds the remote ports now, so an older dead one holds none.
                        _deadSession?.Reset();
                        _deadSession = null;
                        claim = claimSocket(process.Pid);
                    }
                    continue;
                }

                if (done == condemned)
                {
                    if (!condemned.IsCompletedSuccessfully)
                    {
                        condemned = Never<ProbeResult>(never);
                        continue;
                    }

                    var failed = await condemned;
                    endedBy = $"probe of {failed.Forward} failed: {failed.Failure}";
                    endReason = RestartReasons.ProbeFailed;
                    _log.ProbeVerdictRestart(Config.Name, failed.Forward.ToString(), DaemonCount.Times(Math.Max(1, Config.Health.ProbeFailures)),
                        failed.Failure ?? "failed", process.Pid);
                    Publish(s => s.WithError(endedBy, _time.GetUtcNow()));
                    exit = await process.StopAsync(_options.StopGrace);
                    break;
                }

                if (done == stall)
                {
                    if (!stall.IsCompletedSuccessfully)
                    {
                        stall = Never<System.Net.IPEndPoint>(never);
                        continue;
                    }

                    var server = await stall;
                    endedBy = $"ssh was stuck connecting to {server} after the server answered again";
                    endReason = RestartReasons.ConnectStalled;
                    _log.ConnectStalled(Config.Name, process.Pid, server.ToString());
                    exit = await process.StopAsync(_options.StopGrace);
                    restartAtOnce = true;
                    break;
                }

                if (!_commands.Reader.TryRead(out var cmd)) continue;
                if (cmd.Command == TunnelCommand.Restart)
                {
                    _log.TunnelRestartRequested(Config.Name, cmd.Trigger);
                    endReason = RestartReasons.Requested;
                    exit = await process.StopAsync(_options.StopGrace);
                    restartAtOnce = true;
                    break;
                }

                // A network change while up: prove the tunnel now rather than at the next round.
                if (cmd.Command == TunnelCommand.NetworkChanged) probes?.ProbeNow();

                // RetryNow while ssh runs has nothing to cut short.
            }
        }
        finally
        {
            await runCts.CancelAsync();
        }

        // Let the last stderr lines (the reason ssh gave up) arrive before deciding: the exit is often
        // seen first (SIGCHLD), and "remote port forwarding failed" or "Permission denied" read after
        // it must still decide the class (bench/soak found held ports retried after a 12 s back-off).
        // EOF comes as soon as ssh and whatever it started are gone; a grandchild holding stderr
        // open is cut off after 0.5 s.
        if (!stderrPump.IsCompleted)
        {
            using var enough = CancellationTokenSource.CreateLinkedTokenSource(stop);
            await Task.WhenAny(stderrPump, Task.Delay(StderrAfterExit, _time, enough.Token));
            await enough.CancelAsync();
        }
        await stderrCts.CancelAsync();
        await stderrPump;
        KeepIfServerMissedTheEnd(claim);
        var endedAt = _time.GetUtcNow();
        var decisive = run.Decisive;
        var why = endedBy ?? run.LastLine ?? (exit is { } ended ? $"ssh exited with {ended}" : "ssh ended");
        endReason ??= decisive.IsPermanent ? RestartReasons.Permanent
            : decisive.Kind == SshFailureKind.RemotePortInUse ? RestartReasons.RemotePortInUse
            : RestartReasons.Exited;
        // A restart is of a working tunnel: one that was up, or one a person asked to restart
        // while its ssh ran. Every other end of a run was one more attempt, already counted at
        // its start (docs/observability.md: a flapping alert must not count retries).
        var restarted = !stop.IsCancellationRequested && (upSince is not null || endReason == RestartReasons.Requested);
        Publish(s => s with
        {
            LastExit = exit?.ToString(),
            Pid = null,
            LastRestartReason = endReason,
            Restarts = s.Restarts + (restarted ? 1 : 0),
        });
        return (new TunnelRunOutcome(exit, decisive, upSince is not null, upSince is { } u ? endedAt - u : TimeSpan.Zero,
            endedAt - startedAt, why, run.CouldNotConnect), restartAtOnce);
    }

    /// <summary>After a run: when segments to the server were going unanswered, ssh's goodbye would
    /// be lost, so the connection is kept for <see cref="ResetDeadSession"/>; otherwise it is closed
    /// the ordinary way now, as ssh's own exit would have.</summary>
    private void KeepIfServerMissedTheEnd(SessionSocketClaim? claim)
    {
        if (claim is null) return;
        if (claim.ServerHearsUs())
        {
            claim.Dispose();
            return;
        }
        _deadSession?.Dispose();
        _deadSession = claim;
        _log.DeadSessionKept(Config.Name, claim.Connection.Local.ToString(), claim.Connection.Remote.ToString());
    }

    /// <summary>Resets the kept connection of a dead session (the server drops the session and its
    /// remote ports when the reset arrives); returns it, or null when none was kept.</summary>
    private ServerConnection? ResetDeadSession()
    {
        if (_deadSession is not { } dead) return null;
        _deadSession = null;
        dead.Reset();
        return dead.Connection;
    }

    /// <summary>A task of <typeparamref name="T"/> that ends (cancelled) only with the run.</summary>
    private static async Task<T> Never<T>(Task never)
    {
        await never;
        throw new OperationCanceledException();
    }

    /// <summary>Waits out a back-off, cut short by retry-now, restart, a network change, stop, or
    /// (after a transient failure) the server answering again.</summary>
    private async Task WaitAsync(TunnelNextStep next, bool couldNotConnect, CancellationToken stop)
    {
        // Nothing to wait for (a healthy tunnel's first failure): no gate, no timers, no hops.
        if (next.Delay <= TimeSpan.Zero) return;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var timer = Task.Delay(next.Delay, _time, cts.Token);
        var gate = next.State == TunnelState.Backoff && _options.Reachability is { } reachability
            ? ServerReturnsAsync(reachability, couldNotConnect, cts.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, _time, cts.Token);
        try
        {
            while (true)
            {
                var command = _commands.Reader.WaitToReadAsync(cts.Token).AsTask();
                var done = await Task.WhenAny(timer, command, gate);
                if (done == timer || stop.IsCancellationRequested) return;
                if (done == gate)
                {
                    if (!gate.IsCompletedSuccessfully)
                    {
                        gate = Task.Delay(Timeout.InfiniteTimeSpan, _time, cts.Token);
                        continue;
                    }

                    return;
                }

                if (_commands.Reader.TryRead(out var cmd))
                {
                    _log.WaitCutShort(Config.Name, cmd.Command == TunnelCommand.NetworkChanged ? $"network changed ({cmd.Trigger})" : cmd.Trigger);
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

    /// <summary>The reachability gate of one wait, with its log lines: the server address ssh
    /// used last, else the one <c>ssh -G</c> names.</summary>
    private async Task ServerReturnsAsync(IServerReachability reachability, bool couldNotConnect, CancellationToken cancellationToken)
    {
        var server = _stallWatch?.LastServer;
        if (server is null)
        {
            var startInfo = _options.StartInfoFor(Config);
            server = await reachability.ResolveAsync(startInfo.Program, startInfo.Arguments, cancellationToken);
        }

        if (server is null)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
            return;
        }

        await ReachabilityGate.ServerReturnsAsync(reachability, server, couldNotConnect, outcome =>
            _log.ServerUnreachable(Config.Name, server.Address.ToString(), server.Port, outcome.Problem, ReachabilityGate.CheckEvery),
            cancellationToken);
        _log.ServerReachable(Config.Name, server.Address.ToString(), server.Port);
    }

    /// <summary>Logs what happened and what happens next; returns who holds a local port when
    /// that was the failure and the holder could be found, for the status.</summary>
    private string? LogNext(TunnelRunOutcome outcome, TunnelNextStep next, ServerConnection? deadSessionReset)
    {
        if (outcome.Exit is null)
        {
            _log.SshStartFailed(Config.Name, _options.StartInfoFor(Config).Program, next.Reason, next.Delay);
            return null;
        }

        if (next.State == TunnelState.Backoff && outcome.Decisive is { Kind: SshFailureKind.LocalPortInUse, Port: { } port })
        {
            var holder = _options.DescribePortHolder?.Invoke(port);
            _log.LocalPortInUse(Config.Name, port, holder is null ? "" : $", {holder}", next.Delay);
            return holder;
        }

        switch (next.State)
        {
            case TunnelState.NeedsAttention:
                _log.NeedsAttention(Config.Name, DaemonLogText.Clause(next.Reason), FixFor(outcome.Decisive.Kind), next.Delay);
                break;
            case TunnelState.WaitingForRemotePort when deadSessionReset is { } dead:
                _log.DeadSessionReset(Config.Name, dead.Local.ToString(), dead.Remote.ToString(), next.HeldRemotePort ?? 0, next.Delay);
                break;
            case TunnelState.WaitingForRemotePort:
                _log.WaitingForRemotePort(Config.Name, next.HeldRemotePort ?? 0, next.Delay);
                break;
            default:
                _log.SshExited(Config.Name, outcome.Exit.ToString()!, outcome.SinceStart, next.Delay, next.Failures + 1);
                break;
        }

        return null;
    }

    private static string FixFor(SshFailureKind kind) => kind switch
    {
        SshFailureKind.AuthenticationRefused => "check identity_file and that its public key is in the server's authorized_keys",
        SshFailureKind.HostKeyRejected => "check the server's host key and update known_hosts (ssh-keygen -R host, then connect once by hand)",
        _ => "fix the tunnel's settings (ssh_path, ssh_options) and run `sshkeep reload`",
    };

    /// <summary>The StrictHostKeyChecking value when it turns host key checking off (the same rule
    /// as <c>check</c>'s warning, <see cref="TunnelConfig.InsecureHostKeyChecking"/>: no, off, false).</summary>
    private static string? InsecureValue(TunnelConfig config) =>
        config.InsecureHostKeyChecking
            ? config.SshOptions.First(o => o.Key.Equals("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase)).Value
            : null;

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

    /// <summary>A supervisor wired without the daemon's shared clock (tests) times its rounds itself;
    /// its timer is never armed while no wait is pending.</summary>
    private ProbeClock OwnProbeClock() => _ownProbeClock ??= new ProbeClock(_time);
}
