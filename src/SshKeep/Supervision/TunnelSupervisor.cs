using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Logging;
using SshKeep.Ssh;
using static SshKeep.Supervision.TunnelEffect;
using static SshKeep.Supervision.TunnelEvent;

namespace SshKeep.Supervision;

/// <summary>The shell around <see cref="TunnelMachine"/> (docs/daemon.md, "The tunnel machine").</summary>
internal sealed class TunnelSupervisor
{
    private readonly ISshLauncher _launcher;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly TunnelSupervisorOptions _options;
    private readonly Action<TunnelTransition> _onTransition;
    private readonly Channel<Command> _commands = Channel.CreateUnbounded<Command>();
    private readonly Channel<Posted> _events = Channel.CreateUnbounded<Posted>();
    private readonly Lock _gate = new();
    private readonly Lock _idleGate = new();
    private readonly ConnectStallWatch? _stallWatch;
    private readonly StderrLogLimiter _stderrLogLimit;
    private ProbeClock? _ownProbeClock;
    private TunnelMachineState _machine;
    private TunnelStatus _status;
    // An effect's answer (ssh started, its exit after a stop, the run settled): the next event.
    private TunnelEvent? _answer;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private bool _carries;

    // The current run (news of older runs is dropped), ssh, its watches and stderr.
    private int _run;
    private string? _runDestination;
    private ISshProcess? _process;
    private CancellationTokenSource _watches = new();
    private CancellationTokenSource _stderr = new();
    private Task _pump = Task.CompletedTask;
    private Task _releasing = Task.CompletedTask;

    // The one timer and the wait it belongs to (news of older timers is dropped).
    private int _timerNumber;
    private ITimer? _timer;
    private CancellationTokenSource _wait = new();

    // docs/reachability.md, "A remote port still held by a dead session".
    private SessionSocketClaim? _claim;
    private SessionSocketClaim? _deadSession;

    public TunnelSupervisor(TunnelConfig config, ISshLauncher launcher, ILogger logger, TimeProvider time,
        TunnelSupervisorOptions options, Action<TunnelTransition> onTransition)
    {
        Config = config;
        _launcher = launcher;
        _log = logger;
        _time = time;
        _options = options;
        _onTransition = onTransition;
        _stallWatch = options.Reachability is { } reachability ? new ConnectStallWatch(reachability, time) : null;
        _stderrLogLimit = new StderrLogLimiter(time);
        _machine = TunnelMachineState.Initial(config, options, time.GetUtcNow());
        _status = _machine.Status;
    }

    public TunnelConfig Config { get; }

    public TunnelStatus Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Completes while nothing is queued or under way (tests move their manual clock then).</summary>
    internal Task Idle
    {
        get { lock (_idleGate) return _idle.Task; }
    }

    /// <param name="trigger">Who asked, for the log ("SIGUSR1", the network change).</param>
    public void Ask(TunnelCommand command, string trigger) => Queue(() => _commands.Writer.TryWrite(new Command(command, trigger)));

    public async Task RunAsync(CancellationToken stop)
    {
        if (Config.InsecureHostKeyChecking)
            _log.InsecureHostKeyChecking(Config.Name, Config.StrictHostKeyChecking!);
        await using var stopping = stop.Register(() => Post(new StopRequested()));
        TunnelEvent next = stop.IsCancellationRequested ? new StopRequested() : new Begin();
        try
        {
            while (true)
            {
                (_machine, var effects) = TunnelMachine.Step(_machine, next, _time.GetUtcNow(), _options.NextUnit());
                TellWhetherSessionCarries(_machine.Phase is TunnelPhase.Settling or TunnelPhase.Proving or TunnelPhase.Up);
                foreach (var effect in effects) await CarryOutAsync(effect);
                if (_machine.Phase == TunnelPhase.Stopped) return;
                next = await NextEventAsync();
                // The watches of a run (listeners, probes, stall) end with its ssh.
                if (next is SshExited) await _watches.CancelAsync();
            }
        }
        finally
        {
            TellWhetherSessionCarries(false);
            _timer?.Dispose();
            await _wait.CancelAsync();
            await _watches.CancelAsync();
            await _stderr.CancelAsync();
            if (_process is not null) await _process.DisposeAsync();
            await _releasing;
        }
    }

    private void TellWhetherSessionCarries(bool carries)
    {
        if (carries == _carries) return;
        _carries = carries;
        _options.SessionCarries?.Invoke(carries);
    }

    private async Task<TunnelEvent> NextEventAsync()
    {
        if (_answer is { } answer)
        {
            _answer = null;
            return answer;
        }

        while (true)
        {
            while (_events.Reader.TryRead(out var posted))
                if ((posted.Run < 0 || posted.Run == _run) && (posted.Timer < 0 || posted.Timer == _timerNumber)) return posted.Event;
            var commands = TunnelMachine.TakesCommands(_machine.Phase);
            if (commands && _commands.Reader.TryRead(out var command)) return command;

            lock (_idleGate)
                if (_events.Reader.Count == 0 && _inFlight == 0 && !(commands && _commands.Reader.Count > 0)) _idle.TrySetResult();
            using var waiting = new CancellationTokenSource();
            var events = _events.Reader.WaitToReadAsync(waiting.Token).AsTask();
            await (commands ? Task.WhenAny(events, _commands.Reader.WaitToReadAsync(waiting.Token).AsTask()) : (Task)events);
            await waiting.CancelAsync();
        }
    }

    private async Task CarryOutAsync(TunnelEffect effect)
    {
        switch (effect)
        {
            case StartSsh start:
                Start(start.Destination);
                break;
            case StopSsh stop:
                _answer = new SshExited(await _process!.StopAsync(stop.Grace));
                break;
            case ArmTimer arm:
                Arm(arm.Delay);
                break;
            case CheckListeners:
                Watch(CheckListenersAsync, _watches.Token, run: _run, counted: true);
                break;
            case ProbeRound round:
                DisarmTimer();
                Watch(token => ProbeRoundAsync(round.ConnectListener, token), _watches.Token, run: _run, counted: true);
                break;
            case ArmProbeTimer arm:
                // Between rounds a tunnel holds one wait on the daemon's shared clock and nothing else.
                DisarmTimer();
                var clock = _options.ProbeClock ?? (_ownProbeClock ??= new ProbeClock(_time));
                Watch(token => clock.WaitAsync(arm.Delay, arm.OnGrain, token), new TimerDue(), _wait.Token, timer: _timerNumber);
                break;
            case WatchServer watch when _options.Reachability is { } reachability:
                Watch(token => ServerReturnsAsync(reachability, watch, token), new ServerAnswers(), _wait.Token, timer: _timerNumber);
                break;
            case TunnelEffect.Publish publish:
                Publish(publish.Transition);
                break;
            case Log log:
                log.Write(_log);
                break;
            case ClaimSession claim when _options.ClaimSessionSocket is { } claimSocket:
                ResetDeadSession();
                _claim = claimSocket(claim.Pid);
                break;
            case SettleRun settle:
                _answer = await SettleAsync(settle);
                break;
            case CloseDeadSession:
                _deadSession?.Dispose();
                _deadSession = null;
                break;
        }
    }

    private void Start(string destination)
    {
        DisarmTimer();
        var startInfo = _options.StartInfoFor(Config, destination);
        ISshProcess process;
        try
        {
            _options.BeforeStart?.Invoke(Config);
            process = _process = _launcher.Start(startInfo);
        }
        catch (SshStartException e)
        {
            _answer = new SshCouldNotStart(startInfo.Program, $"cannot run {e.Program}: {e.Reason}");
            return;
        }

        var run = ++_run;
        _runDestination = destination;
        _watches = new CancellationTokenSource();
        _stderr = new CancellationTokenSource();
        _pump = new StderrPump(process, Config.Name, _log, _stderrLogLimit, e => Post(e, run)).RunAsync(_stderr.Token);
        Watch(async _ => new SshExited(await process.Exited), CancellationToken.None, run: run);
        Watch(token => process.Stopped.WaitAsync(token), new SshFroze(), _watches.Token, run: run);
        if (_stallWatch is { } stall) Watch(async token => new ConnectStalled(await stall.WatchAsync(process.Pid, token)), _watches.Token, run: run);
        _answer = new SshStarted(process.Pid);
    }

    private async Task<RunSettled> SettleAsync(SettleRun settle)
    {
        await _stderr.CancelAsync();
        await _pump;
        await _watches.CancelAsync();
        if (_process is { } ended)
        {
            // Released beside the next run, which need not wait for the /proc scan or a ProxyCommand's grace.
            var release = Task.Run(async () => await ended.DisposeAsync());
            // Chained only to an earlier release still under way (or failed), so months of restarts build no chain.
            _releasing = _releasing.IsCompletedSuccessfully ? release : Task.WhenAll(_releasing, release);
        }
        _process = null;
        KeepIfServerMissedTheEnd(_claim);
        _claim = null;
        return new RunSettled(settle.ResetDeadSession ? ResetDeadSession() : null,
            settle.DescribePort is { } port ? _options.DescribePortHolder?.Invoke(port) : null);
    }

    private void Arm(TimeSpan delay)
    {
        DisarmTimer();
        var number = _timerNumber;
        _timer = _time.CreateTimer(_ => Post(new TimerDue(), timer: number), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void DisarmTimer()
    {
        _timer?.Dispose();
        _timer = null;
        _timerNumber++;
        _wait.Cancel();
        _wait.Dispose();
        _wait = new CancellationTokenSource();
    }

    /// <summary>A watch that fails or is cancelled reports nothing; <paramref name="counted"/>: not idle meanwhile.</summary>
    private void Watch(Func<CancellationToken, Task<TunnelEvent>> source, CancellationToken cancellationToken, int run = -1, int timer = -1,
        bool counted = false)
    {
        if (counted) lock (_idleGate) _inFlight++;
        _ = Task.Run(async () =>
        {
            TunnelEvent? found = null;
            try
            {
                found = await source(cancellationToken);
            }
            catch (Exception)
            {
                // cancelled with its run or wait, or broken: nothing to report
            }

            lock (_idleGate)
            {
                if (found is not null) Post(found, run, timer);
                if (counted) _inFlight--;
            }
        }, CancellationToken.None);
    }

    /// <summary>Reports <paramref name="then"/> once <paramref name="until"/> completes.</summary>
    private void Watch(Func<CancellationToken, Task> until, TunnelEvent then, CancellationToken cancellationToken, int run = -1,
        int timer = -1) =>
        Watch(async token =>
        {
            await until(token);
            return then;
        }, cancellationToken, run, timer);

    private void Post(TunnelEvent e, int run = -1, int timer = -1) => Queue(() => _events.Writer.TryWrite(new Posted(e, run, timer)));

    private void Queue(Func<bool> write)
    {
        lock (_idleGate)
        {
            write();
            if (_idle.Task.IsCompleted) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private async Task<TunnelEvent> ProbeRoundAsync(bool connectListener, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        ProbeResult[] results = Config.Forwards.Count == 1
            ? [await ProbeAsync(Config.Forwards[0], connectListener, cancellationToken)]
            : await Task.WhenAll(Config.Forwards.Select(f => ProbeAsync(f, connectListener, cancellationToken)));
        var took = _time.GetElapsedTime(started);
        foreach (var result in results) _options.OnProbe?.Invoke(Config.Name, result);
        return new ProbeRoundDone(results, took);
    }

    /// <summary>A probe that throws is a failed probe, never a crashed supervisor.</summary>
    private async Task<ProbeResult> ProbeAsync(ForwardSpec forward, bool connectListener, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            return await _options.ProbeForward!(Config, forward, connectListener, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(forward, false, _time.GetElapsedTime(started), e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>A check that throws means "not yet", never "never" (or the tunnel would stay starting).</summary>
    private async Task<TunnelEvent> CheckListenersAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var forward in Config.Forwards.Where(f => f.Kind != ForwardKind.Remote))
                if (!await _options.ListenerAccepts(forward, cancellationToken)) return new ListenersChecked(false);
            return new ListenersChecked(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ListenersChecked(false);
        }
    }

    private void Publish(TunnelTransition transition)
    {
        lock (_gate) _status = transition.After;
        _onTransition(transition);
    }

    /// <summary>When the server did not hear us, ssh's goodbye was lost: the connection is kept to be reset later.</summary>
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

    private ServerConnection? ResetDeadSession()
    {
        if (_deadSession is not { } dead) return null;
        _deadSession = null;
        dead.Reset();
        return dead.Connection;
    }

    /// <summary>Gates on the address ssh used last when the next run goes to the same destination, else
    /// on the one <c>ssh -G</c> names.</summary>
    private async Task ServerReturnsAsync(IServerReachability reachability, WatchServer watch, CancellationToken cancellationToken)
    {
        var server = watch.Destination == _runDestination ? _stallWatch?.LastServer : null;
        if (server is null)
        {
            var startInfo = _options.StartInfoFor(Config, watch.Destination);
            server = await reachability.ResolveAsync(startInfo.Program, startInfo.Arguments, cancellationToken);
        }

        // An unknown server (behind a proxy) never returns: the wait runs its course.
        await ReachabilityGate.ServerReturnsAsync(reachability, server, watch.CouldNotConnect, outcome =>
            _log.ServerUnreachable(Config.Name, server!.Address.ToString(), server.Port, outcome.Problem, ReachabilityGate.CheckEvery),
            cancellationToken);
        _log.ServerReachable(Config.Name, server!.Address.ToString(), server.Port);
    }

    /// <summary>Run or timer -1: any.</summary>
    private readonly record struct Posted(TunnelEvent Event, int Run, int Timer);
}
