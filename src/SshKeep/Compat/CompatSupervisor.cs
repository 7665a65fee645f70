using SshKeep.Health;
using SshKeep.Ssh;
using SshKeep.Supervision;
using static SshKeep.Native.SignalNumbers;

namespace SshKeep.Compat;

/// <summary>autossh's ssh_run/ssh_watch (docs/autossh-rules.md R60–R76); FIX: a docs/compatibility.md row.</summary>
/// <param name="monitor">Null with <c>-M 0</c> (R55).</param>
/// <param name="reachability">Null: no docs/compatibility.md rows 21–22.</param>
/// <param name="lifetimeStart">When the environment was read (R67).</param>
internal sealed class CompatSupervisor(CompatSettings settings, ISshLauncher launcher, IConnectionMonitor? monitor,
    IServerReachability? reachability, ChannelReader<int> signals, ILogger log, TimeProvider time, DateTimeOffset lifetimeStart)
{
    /// <summary>Before SIGKILL; autossh waits for ever (R68, docs/compatibility.md rows 13–14).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private ConnectStallWatch? _stallWatch;
    private AutosshBackoff.State _backoff;
    private int _startCount;

    /// <summary>We ended the last ssh (stuck connecting, docs/compatibility.md row 22): no back-off check.</summary>
    private bool _skipNextBackoff;

    /// <summary>Set by SIGTERM/SIGINT at any time; acted on between runs (R60.3.4, R73).</summary>
    private int? _exitSignal;

    /// <summary>Runs until autossh would exit; returns its exit status (R90).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // R60.2: loop while MAXSTART < 0 or starts so far < MAXSTART.
        while (settings.MaxStart < 0 || _startCount < settings.MaxStart)
        {
            if (LoggedLifetimeExceeded()) return ExitCodes.Ok;

            _startCount++;
            var waitOutcome = await BackoffAsync(cancellationToken);
            if (waitOutcome is { } quit) return quit;

            // R60.3.4: a SIGTERM/SIGINT since the loop started ends us before the next start.
            if (_exitSignal is not null)
            {
                log.SignalledToExitBetweenRuns();
                return ExitCodes.Failure;
            }

            // FIX R67 quirk: a back-off wait that ran past the lifetime starts no ssh.
            if (LoggedLifetimeExceeded()) return ExitCodes.Ok;

            var outcome = await RunOnceAsync(cancellationToken);
            if (outcome is { } code) return code;
        }

        log.MaxStartReached();
        return ExitCodes.Ok;
    }

    /// <summary>R63: back-off check and sleep before every start. Returns an exit code to quit with.</summary>
    private async Task<int?> BackoffAsync(CancellationToken cancellationToken)
    {
        if (_skipNextBackoff)
        {
            _skipNextBackoff = false;
            return DrainSignalsBetweenRuns();
        }

        var decision = AutosshBackoff.Next(_backoff, NowSeconds, settings.PollSeconds);
        _backoff = _backoff with { Tries = decision.Tries };
        log.CheckingGracePeriod(decision.Tries);
        if (decision.SleepSeconds <= 0) return DrainSignalsBetweenRuns();

        log.SleepingForGraceTime(decision.SleepSeconds);
        // FIX R67: never sleep past the lifetime.
        var until = Earlier(time.GetUtcNow() + TimeSpan.FromSeconds(decision.SleepSeconds), LifetimeEnd);

        using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = DelayUntil(until, waitCts.Token);
        // FIX (docs/compatibility.md row 21).
        var shortener = reachability is null ? Never(waitCts.Token) : ServerReturnsAsync(reachability, waitCts.Token);
        try
        {
            while (true)
            {
                var signalReady = signals.WaitToReadAsync(waitCts.Token).AsTask();
                var done = await Task.WhenAny(sleep, shortener, signalReady);
                if (done == shortener && !shortener.IsCompletedSuccessfully)
                {
                    shortener = Never(waitCts.Token);
                    continue;
                }

                if (done == sleep || done == shortener) return DrainSignalsBetweenRuns();

                if (!signals.TryRead(out var signal)) continue;
                // R65: TERM/INT cut the sleep short (the caller then exits 1); QUIT ends us now.
                if (signal is SIGTERM or SIGINT or SIGQUIT) return OnSignalBetweenRuns(signal);

                // FIX R74/R75: HUP, USR1, USR2 and ALRM end the wait instead of killing us.
                log.WaitCutShort(signal);
                return DrainSignalsBetweenRuns();
            }
        }
        finally
        {
            await waitCts.CancelAsync();
        }
    }

    /// <summary>Not <c>ssh -G</c>'s server: AUTOSSH_PATH may be a wrapper that must not see extra runs.</summary>
    private async Task ServerReturnsAsync(IServerReachability gate, CancellationToken cancellationToken)
    {
        var server = _stallWatch?.LastServer;
        await ReachabilityGate.ServerReturnsAsync(gate, server, couldNotConnect: false,
            outcome => log.ServerSilent(server!.ToString(), outcome.Problem), cancellationToken);
        log.ServerAnswersAgain(server!.ToString());
    }

    /// <summary>Signals that arrived while no wait was running: only TERM/INT/QUIT matter here.</summary>
    private int? DrainSignalsBetweenRuns()
    {
        while (signals.TryRead(out var signal))
        {
            if (OnSignalBetweenRuns(signal) is { } quit) return quit;
        }

        return null;
    }

    /// <summary>TERM/INT act before the next start (R60.3.4); QUIT ends us now (FIX R71).</summary>
    private int? OnSignalBetweenRuns(int signal)
    {
        if (signal is SIGTERM or SIGINT) _exitSignal = signal;
        if (signal != SIGQUIT) return null;
        log.ReceivedSignalToExit(signal);
        return ExitCodes.Quit;
    }

    /// <summary>Starts one ssh and watches it. Null means restart; a value is the exit code.</summary>
    private async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (settings.MaxStart >= 0) log.StartingSshOf(_startCount, settings.MaxStart);
        else log.StartingSsh(_startCount);
        log.ChildExecing(Environment.ProcessId, settings.SshPath);

        ISshProcess process;
        try
        {
            var environment = new Dictionary<string, string?> { [Detacher.EnvironmentVariable] = null }; // R80
            process = launcher.Start(new SshStartInfo(settings.SshPath, settings.SshArguments, environment));
        }
        catch (SshStartException e)
        {
            // R60.3.7: an exec failure ends autossh with 1.
            log.ExecFailed(e.Program, e.Reason);
            return ExitCodes.Failure;
        }

        // R60.3.5/R61.2: read once ssh exists: our spawn may cross a second boundary.
        _backoff = _backoff with { LastStartSeconds = NowSeconds };
        log.ChildPid(process.Pid);
        _stallWatch ??= reachability is null ? null : new ConnectStallWatch(reachability, time);
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await WatchAsync(process, _stallWatch?.WatchAsync(process.Pid, runCts.Token), cancellationToken);
        }
        finally
        {
            await runCts.CancelAsync();
            await process.DisposeAsync();
        }
    }

    /// <summary>ssh_watch (R53, R61, R71–R76): the child first, as at the top of its loop (R73).</summary>
    private async Task<int?> WatchAsync(ISshProcess process, Task<IPEndPoint>? stall, CancellationToken cancellationToken)
    {
        var alarmAt = SetAlarm(settings.FirstPollSeconds);
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(process);
                return ExitCodes.Failure;
            }

            WatchResult? result;
            switch (await NextEventAsync(process, alarmAt, stall, cancellationToken))
            {
                case WatchEvent.ChildExited exited:
                    return OnChildExit(exited.Exit);
                case WatchEvent.ConnectStalled stalled:
                    // FIX (docs/compatibility.md row 22): the server answers; a fresh ssh connects at once.
                    log.ConnectStalled(process.Pid, stalled.Server.ToString());
                    _skipNextBackoff = true;
                    result = await RestartAsync(process);
                    break;
                case WatchEvent.ChildStopped:
                    // FIX R68: a stopped ssh forwards nothing; it counts as hung and is replaced.
                    log.ChildStopped(process.Pid, SIGSTOP);
                    result = await RestartAsync(process);
                    break;
                case WatchEvent.Signalled signalled:
                    result = await OnSignalAsync(process, signalled.Signal, cancellationToken);
                    break;
                default:
                    result = await OnAlarmAsync(process, cancellationToken);
                    if (result is null) alarmAt = SetAlarm(settings.PollSeconds);
                    break;
            }

            if (result is { } done) return done.Code;
        }
    }

    /// <summary>What ssh_watch reacts to next, in its order (R73): each event a value, as the daemon's tunnel
    /// machine takes them (docs/daemon.md, "The tunnel machine").</summary>
    private async Task<WatchEvent> NextEventAsync(ISshProcess process, DateTimeOffset alarmAt, Task<IPEndPoint>? stall,
        CancellationToken cancellationToken)
    {
        if (!process.Exited.IsCompleted && !signals.TryPeek(out _))
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var cancelled = Never(cts.Token);
            await Task.WhenAny(process.Exited, process.Stopped, signals.WaitToReadAsync(cts.Token).AsTask(),
                DelayUntil(alarmAt, cts.Token), cancelled, stall ?? cancelled);
            await cts.CancelAsync();
        }

        if (process.Exited.IsCompleted) return new WatchEvent.ChildExited(await process.Exited);
        if (signals.TryRead(out var signal)) return new WatchEvent.Signalled(signal);
        if (stall is { IsCompletedSuccessfully: true }) return new WatchEvent.ConnectStalled(stall.Result);
        if (process.Stopped.IsCompleted) return new WatchEvent.ChildStopped();
        if (cancellationToken.IsCancellationRequested) return new WatchEvent.Signalled(SIGTERM);
        return time.GetUtcNow() >= alarmAt ? new WatchEvent.AlarmDue() : new WatchEvent.Signalled(0);
    }

    /// <summary>R71–R75.</summary>
    private async Task<WatchResult?> OnSignalAsync(ISshProcess process, int signal, CancellationToken cancellationToken)
    {
        switch (signal)
        {
            case SIGTERM or SIGINT or SIGQUIT:
                return new WatchResult(await ExitOnSignalAsync(process, signal));
            case SIGUSR1:
                log.SignalledToRestart();
                return await RestartAsync(process);
            case SIGALRM:
                // R53: an external SIGALRM runs the checks now without moving the schedule.
                return await OnAlarmAsync(process, cancellationToken);
            default:
                // R71: SIGHUP and SIGUSR2 change nothing (nor does no signal at all).
                return null;
        }
    }

    /// <summary>The SIGALRM branch (R53, R67, R51); null: keep watching.</summary>
    private async Task<WatchResult?> OnAlarmAsync(ISshProcess process, CancellationToken cancellationToken)
    {
        var endOfLife = LifetimeExceeded();
        log.ReceivedAlarm(endOfLife ? 1 : 0);
        if (endOfLife)
        {
            log.LifetimeExceeded();
            await StopAsync(process);
            return new WatchResult(ExitCodes.Ok);
        }

        if (monitor is null) return null;

        // R76, FIX: an ssh exit during the test is read by R61.
        using var testCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var test = monitor.TestAsync(testCts.Token);
        var signalReady = signals.WaitToReadAsync(testCts.Token).AsTask();
        var first = await Task.WhenAny(test, process.Exited, signalReady);
        await testCts.CancelAsync();
        if (first == test && await test) return null;

        try
        {
            await test;
        }
        catch (OperationCanceledException)
        {
        }

        if (first == process.Exited) return new WatchResult(OnChildExit(process.Exited.Result));
        if (first == signalReady && signals.TryRead(out var signal) && signal is SIGTERM or SIGINT or SIGQUIT)
        {
            return new WatchResult(await ExitOnSignalAsync(process, signal));
        }

        log.PortDown();
        return await RestartAsync(process);
    }

    /// <summary>R71. FIX: SIGQUIT stops ssh too, and exits 128+3.</summary>
    private async Task<int> ExitOnSignalAsync(ISshProcess process, int signal)
    {
        log.ReceivedSignalToExit(signal);
        await StopAsync(process);
        return signal == SIGQUIT ? ExitCodes.Quit : ExitCodes.Failure;
    }

    private async Task<WatchResult> RestartAsync(ISshProcess process)
    {
        await StopAsync(process);
        return new WatchResult(null);
    }

    private int? OnChildExit(ChildExit exit)
    {
        var verdict = AutosshExitRule.Read(exit, _startCount, settings.GateTimeSeconds, _backoff.LastStartSeconds, NowSeconds);
        switch (verdict.Case)
        {
            case ChildExitCase.KilledBySignal: log.ExitedOnSignal(exit.Signal!.Value); break;
            case ChildExitCase.Premature: log.ExitedPrematurely(exit.ExitStatus!.Value, settings.ProgramName); break;
            case ChildExitCase.ErrorStatusRestart: log.ExitedWithErrorRestarting(exit.ExitStatus!.Value); break;
            default: log.ExitedWithStatusExiting(exit.ExitStatus!.Value, settings.ProgramName); break;
        }

        return verdict.Restart ? null : verdict.ExitCode;
    }

    private static Task StopAsync(ISshProcess process) => process.StopAsync(StopGrace);

    private Task DelayUntil(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var left = at - time.GetUtcNow();
        return Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, time, cancellationToken);
    }

    private static Task Never(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    private static DateTimeOffset Earlier(DateTimeOffset at, DateTimeOffset? end) => end is { } e && e < at ? e : at;

    private long NowSeconds => time.GetUtcNow().ToUnixTimeSeconds();

    private DateTimeOffset? LifetimeEnd =>
        settings.MaxLifetimeSeconds > 0 ? lifetimeStart + TimeSpan.FromSeconds(Math.Min(settings.MaxLifetimeSeconds, 1e9)) : null;

    /// <summary>exceeded_lifetime() (R67).</summary>
    private bool LifetimeExceeded() =>
        settings.MaxLifetimeSeconds > 0 && NowSeconds - lifetimeStart.ToUnixTimeSeconds() >= settings.MaxLifetimeSeconds;

    private bool LoggedLifetimeExceeded()
    {
        if (!LifetimeExceeded()) return false;
        log.LifetimeExceeded();
        return true;
    }

    /// <summary>R54. FIX R67: even when the lifetime is already over (autossh set no alarm then).</summary>
    private DateTimeOffset SetAlarm(int seconds)
    {
        var at = Earlier(time.GetUtcNow() + TimeSpan.FromSeconds(seconds), LifetimeEnd);
        log.SetAlarm((int)Math.Ceiling((at - time.GetUtcNow()).TotalSeconds));
        return at;
    }

    /// <summary>Code null: restart ssh.</summary>
    private readonly record struct WatchResult(int? Code);
    private abstract record WatchEvent
    {
        public sealed record ChildExited(ChildExit Exit) : WatchEvent;

        public sealed record ChildStopped : WatchEvent;

        public sealed record Signalled(int Signal) : WatchEvent;

        public sealed record AlarmDue : WatchEvent;

        public sealed record ConnectStalled(IPEndPoint Server) : WatchEvent;
    }
}
