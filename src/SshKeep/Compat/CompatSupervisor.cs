using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SshKeep.Health;
using SshKeep.Ssh;
using SshKeep.Supervision;
using static SshKeep.Native.SignalNumbers;

namespace SshKeep.Compat;

/// <summary>
/// autossh 1.4g's supervision loop (spec §5, §6: ssh_run/ssh_watch), carrying out the pure
/// decisions of <see cref="AutosshExitRule"/> and <see cref="AutosshBackoff"/>. The deliberate
/// differences (docs/compatibility.md) are marked "FIX" with their rule number.
/// </summary>
internal sealed class CompatSupervisor
{
    private readonly CompatSettings _settings;
    private readonly ISshLauncher _launcher;
    private readonly IConnectionMonitor? _monitor;
    private readonly ChannelReader<int> _signals;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly CompatSupervisorOptions _options;

    private readonly ConnectStallWatch? _stallWatch;
    private AutosshBackoff.State _backoff = AutosshBackoff.State.Initial;
    private int _startCount;

    /// <summary>The last ssh was replaced because it was stuck connecting to a server that
    /// answers: the next start skips autossh's back-off check (it did not fail; we ended it).</summary>
    private bool _skipNextBackoff;

    /// <summary>Set by SIGTERM/SIGINT at any time; acted on between runs (R60.3.4, R73).</summary>
    private int? _exitSignal;

    public CompatSupervisor(
        CompatSettings settings,
        ISshLauncher launcher,
        IConnectionMonitor? monitor,
        ChannelReader<int> signals,
        ILogger logger,
        TimeProvider time,
        CompatSupervisorOptions options)
    {
        _settings = settings;
        _launcher = launcher;
        _monitor = settings.Monitor is MonitorSpec.Off ? null : monitor;
        _signals = signals;
        _log = logger;
        _time = time;
        _options = options;
        _stallWatch = options.Reachability is { } reachability ? new ConnectStallWatch(reachability, time) : null;
    }

    /// <summary>The ssh currently running, if any.</summary>
    public ISshProcess? Current { get; private set; }

    /// <summary>Runs until autossh would exit; returns its exit status (R90).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // R60.2: loop while MAXSTART < 0 or starts so far < MAXSTART.
        while (_settings.MaxStart < 0 || _startCount < _settings.MaxStart)
        {
            if (LoggedLifetimeExceeded()) return ExitCodes.Ok;

            _startCount++;
            var waitOutcome = await BackoffAsync(cancellationToken);
            if (waitOutcome is { } quit) return quit;

            // R60.3.4: a SIGTERM/SIGINT since the loop started ends us before the next start.
            if (_exitSignal is not null)
            {
                _log.SignalledToExitBetweenRuns();
                return ExitCodes.Failure;
            }

            // FIX R67 quirk 14: a back-off wait that ran past the lifetime no longer starts an
            // ssh that nothing limits; the lifetime is checked again after the wait.
            if (LoggedLifetimeExceeded()) return ExitCodes.Ok;

            var outcome = await RunOnceAsync(cancellationToken);
            if (outcome is { } code) return code;
        }

        _log.MaxStartReached();
        return ExitCodes.Ok;
    }

    /// <summary>R63: back-off check and sleep before every start. Returns an exit code to quit with.</summary>
    private async Task<int?> BackoffAsync(CancellationToken cancellationToken)
    {
        if (_skipNextBackoff)
        {
            // FIX (docs/compatibility.md): not a failure of ssh's, so not counted as one.
            _skipNextBackoff = false;
            return DrainSignalsBetweenRuns();
        }

        var decision = AutosshBackoff.Next(_backoff, NowSeconds, _settings.PollSeconds);
        _backoff = _backoff with { Tries = decision.Tries };
        _log.CheckingGracePeriod(decision.Tries);
        if (decision.SleepSeconds <= 0) return DrainSignalsBetweenRuns();

        _log.SleepingForGraceTime(decision.SleepSeconds);
        var planned = TimeSpan.FromSeconds(decision.SleepSeconds);
        var until = _time.GetUtcNow() + planned;
        if (LifetimeEnd is { } end && end < until) until = end; // FIX R67: never sleep past the lifetime.

        using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(Max(until - _time.GetUtcNow(), TimeSpan.Zero), _time, waitCts.Token);
        // FIX (docs/compatibility.md): the wait ends when a silent server answers again.
        var shortener = _options.Reachability is { } reachability
            ? ServerReturnsAsync(reachability, waitCts.Token)
            : Task.Delay(Timeout.Infinite, waitCts.Token);
        try
        {
            while (true)
            {
                var signalReady = _signals.WaitToReadAsync(waitCts.Token).AsTask();
                var done = await Task.WhenAny(sleep, shortener, signalReady);
                if (done == shortener && !shortener.IsCompletedSuccessfully)
                {
                    shortener = Task.Delay(Timeout.Infinite, waitCts.Token);
                    continue;
                }

                if (done == sleep || done == shortener) return DrainSignalsBetweenRuns();

                if (!_signals.TryRead(out var signal)) continue;
                switch (signal)
                {
                    case SIGTERM or SIGINT:
                        // R65: TERM/INT cut the sleep short; the caller then exits 1.
                        _exitSignal = signal;
                        return null;
                    case SIGQUIT:
                        // FIX R71: no ssh runs now, so only the pid file is left to clean (the caller does).
                        _log.ReceivedSignalToExit(signal);
                        return ExitCodes.Quit;
                    default:
                        // FIX R74/R75: HUP, USR1, USR2 and ALRM no longer kill us here; they end
                        // the wait and ssh starts at once (what the man page promised for HUP).
                        _log.WaitCutShort(signal);
                        return DrainSignalsBetweenRuns();
                }
            }
        }
        finally
        {
            await waitCts.CancelAsync();
        }
    }

    /// <summary>The reachability gate of one wait, on the address the last ssh connected to (no
    /// <c>ssh -G</c>: AUTOSSH_PATH may name a wrapper that must not see extra runs; docs/compatibility.md row 21).</summary>
    private async Task ServerReturnsAsync(IServerReachability reachability, CancellationToken cancellationToken)
    {
        var server = _stallWatch?.LastServer;
        await ReachabilityGate.ServerReturnsAsync(reachability, server, couldNotConnect: false, outcome => _log.ServerSilent(server!.ToString(), outcome.Problem), cancellationToken);
        _log.ServerAnswersAgain(server!.ToString());
    }

    /// <summary>Signals that arrived while no wait was running: only TERM/INT/QUIT matter here.</summary>
    private int? DrainSignalsBetweenRuns()
    {
        while (_signals.TryRead(out var signal))
        {
            if (signal is SIGTERM or SIGINT) _exitSignal = signal;
            else if (signal == SIGQUIT)
            {
                _log.ReceivedSignalToExit(signal);
                return ExitCodes.Quit;
            }
        }

        return null;
    }

    /// <summary>Starts one ssh and watches it. Null means restart; a value is the exit code.</summary>
    private async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_settings.MaxStart >= 0) _log.StartingSshOf(_startCount, _settings.MaxStart);
        else _log.StartingSsh(_startCount);
        _log.ChildExecing(_options.OwnPid, _settings.SshPath);

        ISshProcess process;
        try
        {
            process = _launcher.Start(new SshStartInfo(_settings.SshPath, _settings.SshArguments, _options.SshEnvironmentOverrides));
        }
        catch (SshStartException e)
        {
            // R60.3.7: an exec failure ends autossh with 1.
            _log.ExecFailed(e.Program, e.Reason);
            return ExitCodes.Failure;
        }

        // R60.3.5/R61.2: the start time in whole seconds, read once ssh exists: our spawn may cross a
        // second boundary, and the gate is about how long ssh itself lived.
        var startedAt = NowSeconds;
        _backoff = _backoff with { LastStartSeconds = startedAt };
        Current = process;
        _log.ChildPid(process.Pid);
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await WatchAsync(process, startedAt, _stallWatch?.WatchAsync(process.Pid, runCts.Token), cancellationToken);
        }
        finally
        {
            await runCts.CancelAsync();
            Current = null;
            await process.DisposeAsync();
        }
    }

    /// <summary>ssh_watch (R53, R61, R71–R76): wait for the child, signals and the poll alarm.</summary>
    private async Task<int?> WatchAsync(ISshProcess process, long startedAt, Task<System.Net.IPEndPoint>? stall,
        CancellationToken cancellationToken)
    {
        var alarmAt = SetAlarm(_settings.FirstPollSeconds);

        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(process);
                return ExitCodes.Failure;
            }

            var evt = await NextEventAsync(process, alarmAt, stall, cancellationToken);
            switch (evt)
            {
                case WatchEvent.ConnectStalled stalled:
                    // FIX (docs/compatibility.md row 22): the server answers; a fresh ssh connects at once.
                    _log.ConnectStalled(process.Pid, stalled.Server.ToString());
                    stall = null;
                    await StopAsync(process);
                    _skipNextBackoff = true;
                    return null;

                case WatchEvent.ChildExited exited:
                    return OnChildExit(exited.Exit, startedAt);

                case WatchEvent.ChildStopped:
                    // FIX R68: a stopped ssh forwards nothing; it counts as hung and is replaced.
                    _log.ChildStopped(process.Pid, SIGSTOP);
                    await StopAsync(process);
                    return null;

                case WatchEvent.Signalled { Signal: SIGTERM or SIGINT or SIGQUIT } s:
                    return await ExitOnSignalAsync(process, s.Signal);

                case WatchEvent.Signalled { Signal: SIGUSR1 }:
                    _log.SignalledToRestart();
                    await StopAsync(process);
                    return null;

                case WatchEvent.Signalled { Signal: SIGALRM }:
                    // R53: an external SIGALRM runs the checks now without moving the schedule.
                    if (await OnAlarmAsync(process, cancellationToken) is { } external) return external.Code;
                    break;

                case WatchEvent.Signalled:
                    // R71: SIGHUP and SIGUSR2 change nothing while ssh runs.
                    break;

                case WatchEvent.AlarmDue:
                    if (await OnAlarmAsync(process, cancellationToken) is { } due) return due.Code;
                    alarmAt = SetAlarm(_settings.PollSeconds);
                    break;
            }
        }
    }

    /// <summary>The SIGALRM branch of ssh_watch: lifetime, then a connection test (R53, R67, R51).</summary>
    /// <returns>Null to keep watching; otherwise what to return from the watch (Code null = restart).</returns>
    private async Task<WatchResult?> OnAlarmAsync(ISshProcess process, CancellationToken cancellationToken)
    {
        var endOfLife = LifetimeExceeded();
        _log.ReceivedAlarm(endOfLife ? 1 : 0);
        if (endOfLife)
        {
            _log.LifetimeExceeded();
            await StopAsync(process);
            return new WatchResult(ExitCodes.Ok);
        }

        if (_monitor is null) return null;

        // R76: a signal during the test interrupts it and the test fails. The ssh exit is the
        // one thing we read properly instead (FIX: autossh restarted without reading it).
        using var testCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var test = _monitor.TestAsync(testCts.Token);
        var signalReady = _signals.WaitToReadAsync(testCts.Token).AsTask();
        var first = await Task.WhenAny(test, process.Exited, signalReady);
        await testCts.CancelAsync();
        if (first == test && await test) return null;

        await SwallowAsync(test);
        if (first == process.Exited) return new WatchResult(OnChildExit(process.Exited.Result, LastStart));
        if (first == signalReady && _signals.TryRead(out var signal) && signal is SIGTERM or SIGINT or SIGQUIT)
        {
            return new WatchResult(await ExitOnSignalAsync(process, signal));
        }

        _log.PortDown();
        await StopAsync(process);
        return new WatchResult(null);
    }

    /// <summary>R71: log, kill ssh, exit 1. FIX: SIGQUIT used to orphan ssh; now it stops ssh first
    /// and the exit status says which signal ended us (128+3).</summary>
    private async Task<int> ExitOnSignalAsync(ISshProcess process, int signal)
    {
        _log.ReceivedSignalToExit(signal);
        await StopAsync(process);
        return signal == SIGQUIT ? ExitCodes.Quit : ExitCodes.Failure;
    }

    private int? OnChildExit(ChildExit exit, long startedAt)
    {
        var verdict = AutosshExitRule.Read(exit, _startCount, _settings.GateTimeSeconds, startedAt, NowSeconds);
        switch (verdict.Case)
        {
            case ChildExitCase.KilledBySignal: _log.ExitedOnSignal(exit.Signal!.Value); break;
            case ChildExitCase.Premature: _log.ExitedPrematurely(exit.ExitStatus!.Value, _settings.ProgramName); break;
            case ChildExitCase.ErrorStatusRestart: _log.ExitedWithErrorRestarting(exit.ExitStatus!.Value); break;
            default: _log.ExitedWithStatusExiting(exit.ExitStatus!.Value, _settings.ProgramName); break;
        }

        return verdict.Restart ? null : verdict.ExitCode;
    }

    private async Task<WatchEvent> NextEventAsync(ISshProcess process, DateTimeOffset alarmAt, Task<System.Net.IPEndPoint>? stall,
        CancellationToken cancellationToken)
    {
        // The child is checked first, as ssh_watch does at the top of its loop (R73).
        if (process.Exited.IsCompleted) return new WatchEvent.ChildExited(await process.Exited);
        if (_signals.TryRead(out var pending)) return new WatchEvent.Signalled(pending);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var alarm = Task.Delay(Max(alarmAt - _time.GetUtcNow(), TimeSpan.Zero), _time, cts.Token);
        var signalReady = _signals.WaitToReadAsync(cts.Token).AsTask();
        var cancelled = Task.Delay(Timeout.Infinite, cts.Token);
        var stalled = stall ?? cancelled;
        await Task.WhenAny(process.Exited, process.Stopped, signalReady, alarm, cancelled, stalled);
        await cts.CancelAsync();

        if (process.Exited.IsCompleted) return new WatchEvent.ChildExited(await process.Exited);
        if (_signals.TryRead(out var signal)) return new WatchEvent.Signalled(signal);
        if (stall is { IsCompletedSuccessfully: true }) return new WatchEvent.ConnectStalled(stall.Result);
        if (process.Stopped.IsCompleted && !process.Exited.IsCompleted) return new WatchEvent.ChildStopped();
        if (cancellationToken.IsCancellationRequested) return new WatchEvent.Signalled(SIGTERM);
        return alarm.IsCompletedSuccessfully ? new WatchEvent.AlarmDue() : new WatchEvent.Signalled(0);
    }

    /// <summary>R68 with the fix: SIGTERM, grace, SIGKILL; the exit status is thrown away.</summary>
    private Task StopAsync(ISshProcess process) => process.StopAsync(_options.StopGrace);

    private static async Task SwallowAsync(Task task)
    {
        try { await task; }
        catch (OperationCanceledException) { }
    }

    private long LastStart => _backoff.LastStartSeconds;

    private long NowSeconds => _time.GetUtcNow().ToUnixTimeSeconds();

    private DateTimeOffset? LifetimeEnd =>
        _settings.MaxLifetimeSeconds > 0 ? _options.LifetimeStart + TimeSpan.FromSeconds(Math.Min(_settings.MaxLifetimeSeconds, 1e9)) : null;

    /// <summary>exceeded_lifetime(): whole seconds since the environment was read, ≥ the lifetime (R67).</summary>
    private bool LifetimeExceeded() =>
        _settings.MaxLifetimeSeconds > 0 &&
        NowSeconds - _options.LifetimeStart.ToUnixTimeSeconds() >= _settings.MaxLifetimeSeconds;

    private bool LoggedLifetimeExceeded()
    {
        if (!LifetimeExceeded()) return false;
        _log.LifetimeExceeded();
        return true;
    }

    /// <summary>R54: the alarm never goes past the end of the lifetime. FIX R67: not even when
    /// the lifetime is already over (autossh then set no alarm at all).</summary>
    private DateTimeOffset SetAlarm(int seconds)
    {
        var at = _time.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        if (LifetimeEnd is { } end && end < at) at = end;
        _log.SetAlarm((int)Math.Ceiling((at - _time.GetUtcNow()).TotalSeconds));
        return at;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private readonly record struct WatchResult(int? Code);

    private abstract record WatchEvent
    {
        public sealed record ChildExited(ChildExit Exit) : WatchEvent;

        public sealed record ChildStopped : WatchEvent;

        public sealed record Signalled(int Signal) : WatchEvent;

        public sealed record AlarmDue : WatchEvent;

        public sealed record ConnectStalled(System.Net.IPEndPoint Server) : WatchEvent;
    }
}
