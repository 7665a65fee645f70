using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Forwarding;
using SshKeep.Health;
using SshKeep.Hooks;
using SshKeep.Logging;
using SshKeep.Native;
using SshKeep.Ssh;
using SshKeep.Supervision;
using SshKeep.Web;

namespace SshKeep.Cli;

/// <summary>`sshkeep up`, the composition root (docs/daemon.md): lock, supervisors, control socket, status, signals.</summary>
internal sealed class DaemonHost(DaemonOptions options, TextWriter stderr, TimeProvider time) : IControlHandler
{
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly Lock _statusGate = new();

    /// <summary>One pending write at most: a mark while one waits adds nothing, that write will read the newest state.</summary>
    private readonly Channel<bool> _statusDirty =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Folded under <see cref="_foldGate"/>, written under <see cref="_statusGate"/> (docs/daemon.md).</summary>
    private volatile IReadOnlyList<ListedTunnel> _tunnels = [];

    private readonly Lock _foldGate = new();
    private ILogger _log = null!;
    private DaemonSupervisor _supervisor = null!;
    private StatusStore _store = null!;
    private SystemdReporter _systemd = null!;
    private HookDispatcher _hooks = null!;
    private DaemonRecorder? _recorder;
    private string _configPath = "";
    private InstancePaths _paths = null!;
    private ServerReachability _reachability = null!;
    private ForwardProbe _probe = null!;
    private ProbeClock _probeClock = null!;
    private HeldPorts _held = null!;

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var logging = DaemonLoggerProvider.ForStderr(options.LogFormat, options.LogLevel, time, options.Environment,
            ProcStat.LinkTarget("/proc/self/fd/2"));
        _log = logging.CreateLogger("sshkeep");
        _configPath = Path.GetFullPath(options.ConfigPath);

        if (!TrustsConfigFile(out var unsafeFile))
            return Fail($"{unsafeFile}; to run it anyway pass {ConfigFilePermissions.AllowFlag}", ExitCodes.Config);
        if (unsafeFile is not null) await stderr.WriteLineAsync($"sshkeep: warning: {unsafeFile}; running it anyway ({ConfigFilePermissions.AllowFlag})");

        var loaded = LoadConfig();
        if (loaded is ConfigLoadResult.Invalid invalid)
        {
            await stderr.WriteAsync(ConfigCheck.Render(invalid));
            return ExitCodes.Config;
        }

        var config = ((ConfigLoadResult.Valid)loaded).Config;
        var httpListen = options.Http ?? config.Http;
        if (httpListen is not null) _recorder = new DaemonRecorder(time);
        var runDirectory = RunDirectory.FromEnvironment(options.RunDirectory, options.Environment);
        if (!runDirectory.TryCreate(LibC.geteuid(), out var runError)) return Fail(runError);
        var paths = _paths = runDirectory.For(_configPath);
        _reachability = new ServerReachability(time, SshEnvironment.OverridesForDaemon(options.Environment));
        _probe = new ForwardProbe(time);
        // One timer for every tunnel's probe rounds; disposed after the supervisors.
        using var probeClock = _probeClock = new ProbeClock(time);

        if (!InstanceLock.TryAcquire(paths.LockPath, out var heldLock, out var refusal))
        {
            await stderr.WriteLineAsync($"sshkeep: {refusal!.Describe(_configPath)}");
            return refusal.HeldByAnother ? ExitCodes.AlreadyRunning : ExitCodes.CannotStart;
        }

        using (heldLock)
        {
            var info = new DaemonInfo { Pid = Environment.ProcessId, ConfigPath = _configPath, StartedAt = time.GetUtcNow(), Version = Version };
            if (!StatusStore.TryCreate(paths.StatusPath, info, time, _log, out var store, out var storeError))
                return Fail($"status file {paths.StatusPath}: {storeError}");
            _store = store;
            using (store)
            using (var notifier = SystemdNotifier.FromEnvironment(options.Environment, _log))
            using (var systemd = _systemd = new SystemdReporter(notifier, config, time, _log,
                       SystemdReporter.WatchdogTimeoutFromEnvironment(options.Environment)))
            using (var reaper = new ChildReaper())
            using (var signals = new SignalListener())
            using (var network = NetworkChangeSource.Start(time))
            {
                if (network.Problem is { } problem) _log.NetworkWatchUnavailable(problem);
                using var readyTimeout = _systemd.ArmReadyTimeout(MarkStatusDirty);
                // ssh dies with the daemon where the kernel allows (docs/daemon.md, "Parent-death signal").
                var setpriv = ParentDeathSignal.Setpriv(out var setprivProblem);
                if (setprivProblem is not null) _log.ParentDeathSignalUnavailable(setprivProblem);
                var launcher = new PosixSshLauncher(reaper, time, setpriv, options.Environment.GetValueOrDefault("PATH"));
                // Hooks run on their own queues; disposed before the reaper that reaps them.
                await using var hookRunner = new HookRunner(reaper, _log, time);
                _hooks = new HookDispatcher(hookRunner.Enqueue);
                _hooks.Configure(config);
                // The -L/-D ports sshkeep holds outlive every supervisor (docs/held-ports.md); disposed after them.
                await using var held = _held = new HeldPorts(_log, time, SystemdSockets.Take(options.Environment, Environment.ProcessId));
                await using var supervisor = new DaemonSupervisor((tunnel, news) => CreateTunnel(tunnel, launcher, news), time, OnTransition,
                    tunnel => CreateStandby(tunnel, launcher));
                _supervisor = supervisor;

                if (!ControlServer.TryStart(new ControlServerOptions { SocketPath = paths.SocketPath }, heldLock!, this, time, _log,
                        out var server, out var serverError))
                    return Fail($"control socket {paths.SocketPath}: {serverError}");

                await using (server)
                {
                    var (web, webError) = httpListen is null ? (null, null) : await DaemonHttp.StartAsync(httpListen, this, _recorder!, _log, cancellationToken);
                    if (httpListen is not null && web is null) return Fail($"http {httpListen}: {webError}");
                    await using var _ = web;
                    _log.DaemonStarting(Version, DaemonCount.Tunnels(config.Tunnels.Count), _configPath, Environment.ProcessId); // only once nothing can stop the start
                    systemd.StartTicks();
                    // A daemon killed by SIGKILL leaves its ssh holding the ports (docs/daemon.md "When the daemon dies").
                    await OrphanSweep.RunAsync(paths.LockPath, config.Tunnels.Select(t => t.SshPath), options.StopGrace, time, _log, cancellationToken);
                    using var stopWriting = new CancellationTokenSource();
                    var statusWriter = WriteStatusAsync(stopWriting.Token);
                    supervisor.Start(config);
                    foreach (var disabled in config.Tunnels.Where(t => !t.Enabled)) _log.TunnelDisabled(disabled.Name);

                    var trigger = await MainLoopAsync(signals.Signals, network.Changes, cancellationToken);

                    _log.DaemonStopping(trigger, DaemonCount.Tunnels(supervisor.Configs.Count), options.StopGrace);
                    lock (_statusGate) _systemd.Stopping(supervisor.Configs.Count);
                    await supervisor.StopAllAsync();
                    await stopWriting.CancelAsync();
                    await statusWriter;
                    WriteStatusNow(); // the last states (every tunnel stopped)
                    await hookRunner.StopAsync(HookRunner.StopDrain);
                }
            }
        }

        _log.DaemonStopped(ExitCodes.Ok);
        return ExitCodes.Ok;
    }

    /// <summary>Signals, control requests, network changes, and the watchdog's heartbeat (a hung loop stops it).</summary>
    private async Task<string> MainLoopAsync(ChannelReader<int> signals, ChannelReader<NetworkChangeNotice> network, CancellationToken cancellationToken)
    {
        while (true)
        {
            _systemd.ReportAlive();
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signalReady = signals.WaitToReadAsync(tick.Token).AsTask();
            var requestReady = _requests.Reader.WaitToReadAsync(tick.Token).AsTask();
            var networkReady = network.WaitToReadAsync(tick.Token).AsTask();
            var beat = Task.Delay(_systemd.ReportInterval, time, tick.Token);
            await Task.WhenAny(signalReady, requestReady, networkReady, beat);
            await tick.CancelAsync();
            if (cancellationToken.IsCancellationRequested) return "cancelled";

            while (signals.TryRead(out var signal))
            {
                switch (signal)
                {
                    case SignalNumbers.SIGHUP:
                        await ReloadAsync("SIGHUP");
                        break;
                    case SignalNumbers.SIGUSR1:
                        _log.RetryNowDone("SIGUSR1", _supervisor.RetryNow(null, "SIGUSR1").Describe(time.GetUtcNow()));
                        break;
                    case var stop when StopSignals.TryGetValue(stop, out var name):
                        return name;
                }
            }

            while (network.TryRead(out var change))
            {
                // A new address or link may be the way back to a server.
                _log.NetworkChanged(change.Text);
                _supervisor.NetworkChanged(change.Text);
            }

            if (_requests.Reader.TryRead(out var stopTrigger)) return stopTrigger;
        }
    }

    public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        switch (request.Command)
        {
            case ControlCommand.Status:
                // Held ports' counts change without a transition: read now, not folded (docs/held-ports.md, "Counts").
                return ControlResponse.Success(status: _store.Snapshot.WithForwards(_held.Counts()));
            case ControlCommand.Restart:
                return request.Tunnel is { } name && _supervisor.Restart(name, "the control socket")
                    ? ControlResponse.Success($"restarting {name}")
                    : UnknownTunnel(request.Tunnel);
            case ControlCommand.RetryNow:
                var retried = _supervisor.RetryNow(request.Tunnel);
                if (request.Tunnel is not null && retried.Tunnels.Count == 0) return UnknownTunnel(request.Tunnel);
                var outcome = retried.Describe(time.GetUtcNow());
                _log.RetryNowDone("the control socket", outcome);
                return ControlResponse.Success(outcome);
            case ControlCommand.Reload:
                return await ReloadAsync("the control socket");
            case ControlCommand.Stop:
                _requests.Writer.TryWrite("stop from the control socket");
                return ControlResponse.Success("stopping");
            default:
                return ControlResponse.Failure(ControlErrors.UnknownCommand, $"unknown command {request.Command}");
        }
    }

    private async Task<ControlResponse> ReloadAsync(string trigger)
    {
        await _reloadGate.WaitAsync();
        try
        {
            _log.ReloadRequested(trigger, _configPath);
            if (!TrustsConfigFile(out var unsafeFile))
            {
                _log.ConfigError(_configPath, 0, "permissions", unsafeFile);
                _log.ReloadRefused(DaemonCount.Errors(1), _configPath);
                return ControlResponse.Failure(ControlErrors.Failed,
                    $"{unsafeFile}; still running the previous config (start the daemon with {ConfigFilePermissions.AllowFlag} to accept it)");
            }
            var loaded = LoadConfig();
            if (loaded is ConfigLoadResult.Invalid invalid)
            {
                foreach (var error in invalid.Errors) _log.ConfigError(error.File, error.Line, error.Key, error.Message);
                if (invalid.More > 0) _log.ConfigErrorsNotLogged(_configPath, DaemonCount.Errors(invalid.More), invalid.Errors.Count);
                _log.ReloadRefused(DaemonCount.Errors(invalid.Count), _configPath);
                return ControlResponse.Failure(ControlErrors.Failed,
                    $"{invalid.Count} errors; still running the previous config:\n{ConfigCheck.Render(invalid)}");
            }

            var config = ((ConfigLoadResult.Valid)loaded).Config;
            _hooks.Configure(config);
            lock (_statusGate) _systemd.BeginReload();
            var plan = await _supervisor.ReloadAsync(config);
            await _held.KeepOnlyAsync(config.Tunnels);
            foreach (var name in plan.Removed) _log.TunnelRemoved(name);
            foreach (var tunnel in plan.Added) _log.TunnelAdded(tunnel.Name);
            foreach (var tunnel in plan.Changed) _log.TunnelChanged(tunnel.Name, "settings");
            _log.ReloadApplied(_configPath, plan.Added.Count, plan.Removed.Count, plan.Changed.Count, plan.Unchanged.Count);
            lock (_statusGate) _systemd.EndReload(_tunnels);
            return ControlResponse.Success(
                $"reloaded: {plan.Added.Count} added, {plan.Removed.Count} removed, {plan.Changed.Count} changed, {plan.Unchanged.Count} unchanged");
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private TunnelSupervisor CreateTunnel(TunnelConfig tunnel, ISshLauncher launcher, Action<TunnelTransition> news)
    {
        var controlPath = ControlPathFor(tunnel);
        if (ProbeSchedule.Enabled(tunnel.Health) && controlPath is null)
            _log.ProbesUnavailable(tunnel.Name, $"the run directory's path is too long for a control socket (at most {InstancePaths.MaxControlPathLength} bytes); use a shorter --run-dir");
        // Held ports need the control socket to hand their clients over; without one, ssh listens itself.
        var masters = _held.MastersOf(tunnel.Name);
        return Supervise(tunnel, controlPath, launcher, news, controlPath is null ? _ => null : _held.Hold,
            forward => _held.Holds(tunnel.Name, forward), _recorder is { } recorder ? recorder.Probes.Record : null,
            carries => masters.Set(carries ? controlPath : null, standby: false));
    }

    /// <summary>A tunnel's warm standby (docs/held-ports.md): its own ssh and control socket, the held forwards only
    /// (ssh listens on none), probed as they are; its only news is whether it can take clients.</summary>
    private TunnelSupervisor? CreateStandby(TunnelConfig tunnel, ISshLauncher launcher)
    {
        if (!tunnel.Standby || !tunnel.Forwards.Any(f => f.IsHeld)) return null;
        var standby = tunnel with { Name = $"{tunnel.Name} (standby)", Forwards = [.. tunnel.Forwards.Where(f => f.IsHeld)], Standby = false, Hooks = new() };
        if (_paths.ControlMasterPath(standby.Name) is not { } controlPath) return null;
        var masters = _held.MastersOf(tunnel.Name);
        return Supervise(standby, controlPath, launcher, _ => { }, t => t.Forwards.ToHashSet(), _ => true, onProbe: null,
            carries => masters.Set(carries ? controlPath : null, standby: true));
    }

    /// <param name="held">At each start, the forwards ssh is not given (their ports are held).</param>
    /// <param name="holds">Whether sshkeep holds a forward's port now (its listener and probe are not ssh's).</param>
    private TunnelSupervisor Supervise(TunnelConfig tunnel, string? controlPath, ISshLauncher launcher, Action<TunnelTransition> news,
        Func<TunnelConfig, IReadOnlySet<ForwardSpec>?> held, Func<ForwardSpec, bool> holds, Action<string, ProbeResult>? onProbe,
        Action<bool> sessionCarries) =>
        new(tunnel, launcher, _log, time, new TunnelSupervisorOptions
        {
            StartInfoFor = (t, destination) => StartInfoFor(t, destination, controlPath, held(t)),
            ListenerAccepts = (forward, ct) => holds(forward) ? Task.FromResult(true) : _reachability.ListenerAcceptsAsync(forward, ct),
            OnProbe = onProbe,
            SessionCarries = sessionCarries,
            StopGrace = options.StopGrace,
            Reachability = _reachability,
            DescribePortHolder = port => PortHolder.Describe(port),
            ClaimSessionSocket = pid => SessionSocketClaim.Take(pid),
            BeforeStart = _ => RemoveStaleControlSocket(controlPath),
            ProbeClock = _probeClock,
            ProbeForward = controlPath is null ? null
                : (t, forward, connectListener, ct) => _probe.RunAsync(forward, controlPath, TimeSpan.FromSeconds(t.Health.ProbeTimeout), connectListener, ct,
                    holds(forward)),
        }, news);

    /// <summary>Each ssh: its own process group, stderr captured, only <see cref="SshEnvironment"/>'s variables
    /// (none of systemd's) and the two of <see cref="OrphanRule"/> that let a later daemon find it.</summary>
    private SshStartInfo StartInfoFor(TunnelConfig tunnel, string destination, string? controlPath, IReadOnlySet<ForwardSpec>? held)
    {
        var environment = new Dictionary<string, string?>(SshEnvironment.OverridesForDaemon(options.Environment), StringComparer.Ordinal)
        {
            [OrphanRule.InstanceVariable] = _paths.LockPath,
            [OrphanRule.TunnelVariable] = tunnel.Name,
        };
        return new(tunnel.SshPath, TunnelSshArguments.Build(tunnel, controlPath, held, destination),
            environment, NewProcessGroup: true, CaptureStandardError: true, ClearEnvironment: true);
    }

    /// <summary>The tunnel's ControlPath when its probes are on or it holds ports (both open channels through it).</summary>
    private string? ControlPathFor(TunnelConfig tunnel) =>
        ProbeSchedule.Enabled(tunnel.Health) || tunnel.Forwards.Any(f => f.IsHeld) ? _paths.ControlMasterPath(tunnel.Name) : null;

    /// <summary>A killed ssh leaves its control socket behind, and the next ssh would refuse to be the master
    /// (so the probes would fail). The path is ours alone (run directory, 0700); only a socket of ours goes.</summary>
    private static void RemoveStaleControlSocket(string? path)
    {
        if (path is null) return;
        try
        {
            if (FileStatus.TryGet(path, out var status, out _) && status.IsSocket && status.Uid == LibC.geteuid()) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing (the usual case) or not ours: ssh will say what is wrong.
        }
    }

    /// <summary>Not writing status.json here: its fsync would make a restart wait (0.2 s of a 0.4 s recovery).</summary>
    private void OnTransition(TunnelTransition transition)
    {
        _hooks.Fire(transition);
        _recorder?.Observe(transition);
        lock (_foldGate) _tunnels = StatusFold.Apply(_tunnels, transition);
        MarkStatusDirty();
        _systemd.ReportAlive();
    }

    private void MarkStatusDirty() => _statusDirty.Writer.TryWrite(true);

    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _statusDirty.Reader.ReadAllAsync(cancellationToken)) WriteStatusNow();
        }
        catch (OperationCanceledException)
        {
            // stopping: the caller writes the last state
        }
    }

    private void WriteStatusNow()
    {
        lock (_statusGate)
        {
            var tunnels = _tunnels;
            _store.SetAll([.. tunnels.Select(t => t.Status)]);
            _systemd.Publish(tunnels);
        }
    }

    private static ControlResponse UnknownTunnel(string? name) =>
        ControlResponse.Failure(ControlErrors.UnknownTunnel, name is null ? "restart needs a tunnel name" : $"no tunnel named \"{name}\" is running");

    private bool TrustsConfigFile([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        problem = ConfigFileOnDisk.PermissionProblem(_configPath);
        return problem is null || options.AllowUnsafeConfigPermissions;
    }

    private int Fail(string problem, int exitCode = ExitCodes.CannotStart)
    {
        stderr.WriteLine($"sshkeep: cannot start: {problem}");
        return exitCode;
    }

    private static readonly Dictionary<int, string> StopSignals = new()
    {
        [SignalNumbers.SIGTERM] = "SIGTERM",
        [SignalNumbers.SIGINT] = "SIGINT",
        [SignalNumbers.SIGQUIT] = "SIGQUIT",
    };

    public static string Version => typeof(DaemonHost).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    // HOME expands ~ and PATH finds the hooks' programs: the daemon's, where they will run.
    private ConfigLoadResult LoadConfig() =>
        ConfigLoader.Load(_configPath, options.Environment.GetValueOrDefault("HOME"), options.Environment.GetValueOrDefault("PATH"));
}
