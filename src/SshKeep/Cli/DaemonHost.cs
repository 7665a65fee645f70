using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Health;
using SshKeep.Hooks;
using SshKeep.Logging;
using SshKeep.Native;
using SshKeep.Ssh;
using SshKeep.Supervision;
using SshKeep.Web;

namespace SshKeep.Cli;

/// <summary>
/// `sshkeep up`: loads the tunnels file, takes the instance lock, starts one supervisor
/// per tunnel, serves the control socket, keeps status.json and systemd informed, and answers
/// signals (HUP reload, USR1 retry-now, TERM/INT/QUIT stop). The thin shell around
/// <see cref="DaemonSupervisor"/>.
/// </summary>
internal sealed class DaemonHost : IControlHandler
{
    private readonly DaemonOptions _options;
    private readonly TextWriter _stderr;
    private readonly TimeProvider _time;
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly Lock _statusGate = new();

    /// <summary>Set when a tunnel changed; the status writer takes it (one pending write at most).</summary>
    private readonly SemaphoreSlim _statusDirty = new(0, 1);

    /// <summary>The fold of every transition so far (<see cref="StatusFold"/>): folded under
    /// <see cref="_foldGate"/>, which is never held for longer than one fold, so a tunnel never
    /// waits for a write; read by the writer under <see cref="_statusGate"/>.</summary>
    private volatile IReadOnlyList<ListedTunnel> _tunnels = [];

    private readonly Lock _foldGate = new();
    private ILogger _log = null!;
    private DaemonSupervisor _supervisor = null!;
    private StatusStore _store = null!;
    private SystemdReporter _systemd = null!;
    private SystemdWatchdog _watchdog = null!;
    private HookDispatcher _hooks = null!;
    private DaemonRecorder? _recorder;
    private string _configPath = "";
    private InstancePaths _paths = null!;
    private ServerReachability _reachability = null!;
    private ForwardProbe _probe = null!;
    private ProbeClock _probeClock = null!;

    public DaemonHost(DaemonOptions options, TextWriter stderr, TimeProvider time)
    {
        _options = options;
        _stderr = stderr;
        _time = time;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var logging = DaemonLoggerProvider.ForStderr(_options.LogFormat, _options.LogLevel, _time, _options.Environment);
        _log = logging.CreateLogger("sshkeep");
        _configPath = Path.GetFullPath(_options.ConfigPath);

        if (!TrustsConfigFile(out var unsafeFile))
        {
            await _stderr.WriteLineAsync($"sshkeep: cannot start: {unsafeFile}; to run it anyway pass {ConfigFilePermissions.AllowFlag}");
            return ExitCodes.Config;
        }
        if (unsafeFile is not null) await _stderr.WriteLineAsync($"sshkeep: warning: {unsafeFile}; running it anyway ({ConfigFilePermissions.AllowFlag})");

        var loaded = LoadConfig();
        if (loaded is ConfigLoadResult.Invalid invalid)
        {
            await _stderr.WriteAsync(ConfigCheck.Render(invalid));
            return ExitCodes.Config;
        }

        var config = ((ConfigLoadResult.Valid)loaded).Config;
        // --http wins over the file's http.listen; with neither, no listener and no recorder.
        var httpListen = _options.Http ?? config.Http?.Listen;
        if (httpListen is not null) _recorder = new DaemonRecorder(_time);
        var runDirectory = RunDirectory.FromEnvironment(_options.RunDirectory, _options.Environment);
        if (!runDirectory.TryCreate(out var runError)) return Fail(runError);
        var paths = runDirectory.For(_configPath);
        _paths = paths;
        _reachability = new ServerReachability(_time, SshEnvironment.OverridesForDaemon(_options.Environment));
        _probe = new ForwardProbe(_time);
        // One timer for every tunnel's probe rounds; disposed after the supervisors.
        using var probeClock = new ProbeClock(_time);
        _probeClock = probeClock;

        if (!InstanceLock.TryAcquire(paths.LockPath, out var heldLock, out var refusal))
        {
            await _stderr.WriteLineAsync($"sshkeep: {refusal!.Describe(_configPath)}");
            return refusal.HeldByAnother ? ExitCodes.AlreadyRunning : ExitCodes.CannotStart;
        }

        using (heldLock)
        {
            var info = new DaemonInfo { Pid = Environment.ProcessId, ConfigPath = _configPath, StartedAt = _time.GetUtcNow(), Version = Version };
            if (!StatusStore.TryCreate(paths.StatusPath, info, _time, _log, out var store, out var storeError))
                return Fail($"status file {paths.StatusPath}: {storeError}");
            _store = store;
            using (store)
            using (var notifier = SystemdNotifier.FromEnvironment(_options.Environment, _log))
            using (var watchdog = new SystemdWatchdog(notifier, SystemdWatchdog.TimeoutFromEnvironment(_options.Environment), _time, _log))
            using (var reaper = new ChildReaper())
            using (var signals = new SignalListener())
            using (var network = NetworkChangeSource.Start(_time))
            {
                if (network.Problem is { } problem) _log.NetworkWatchUnavailable(problem);
                _watchdog = watchdog;
                _systemd = new SystemdReporter(notifier, config.ReadyWhen, _time, _log, watchdog, config.ReadyTimeout);
                using var readyTimeout = _systemd.ArmReadyTimeout(MarkStatusDirty);
                // ssh dies with the daemon where the kernel allows (docs/daemon.md, "Parent-death signal").
                var setpriv = ParentDeathSignal.Setpriv(out var setprivProblem);
                if (setprivProblem is not null) _log.ParentDeathSignalUnavailable(setprivProblem);
                var launcher = new PosixSshLauncher(reaper, _time, setpriv, _options.Environment.GetValueOrDefault("PATH"));
                // Hooks run on their own queues; disposed before the reaper that reaps them.
                await using var hookRunner = new HookRunner(reaper, _log, _time);
                _hooks = new HookDispatcher(hookRunner.Enqueue);
                _hooks.Configure(config);
                await using var supervisor = new DaemonSupervisor((tunnel, news) => CreateTunnel(tunnel, launcher, news), _time, OnTransition);
                _supervisor = supervisor;

                if (!ControlServer.TryStart(new ControlServerOptions { SocketPath = paths.SocketPath }, heldLock!, this, _time, _log,
                        out var server, out var serverError))
                    return Fail($"control socket {paths.SocketPath}: {serverError}");

                await using (server)
                {
                    var (web, webError) = httpListen is null ? (null, null) : await DaemonHttp.StartAsync(httpListen, this, _recorder!, _log, cancellationToken);
                    if (httpListen is not null && web is null) return Fail($"http {httpListen}: {webError}");
                    await using var _ = web;
                    _log.DaemonStarting(Version, DaemonCount.Tunnels(config.Tunnels.Count), _configPath, Environment.ProcessId); // only once nothing can stop the start
                    watchdog.Start();
                    // An earlier daemon of this config killed with SIGKILL leaves its ssh holding the
                    // tunnels' ports; end them before any tunnel starts (docs/daemon.md "When the daemon dies").
                    await OrphanSweep.RunAsync(paths.LockPath, config.Tunnels.Select(t => t.SshPath), _options.StopGrace, _time, _log, cancellationToken);
                    using var stopWriting = new CancellationTokenSource();
                    var statusWriter = WriteStatusAsync(stopWriting.Token);
                    supervisor.Start(config);
                    foreach (var disabled in config.Tunnels.Where(t => !t.Enabled)) _log.TunnelDisabled(disabled.Name);

                    var trigger = await MainLoopAsync(signals.Signals, network.Changes, cancellationToken);

                    _log.DaemonStopping(trigger, DaemonCount.Tunnels(supervisor.Configs.Count), _options.StopGrace);
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

    /// <summary>The daemon's own loop: signals and control requests, and a heartbeat for the
    /// systemd watchdog (a hung loop stops the pings, so systemd restarts us).</summary>
    private async Task<string> MainLoopAsync(ChannelReader<int> signals, ChannelReader<NetworkChangeNotice> network, CancellationToken cancellationToken)
    {
        var heartbeat = _watchdog.ReportInterval;
        while (true)
        {
            _watchdog.ReportAlive();
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signalReady = signals.WaitToReadAsync(tick.Token).AsTask();
            var requestReady = _requests.Reader.WaitToReadAsync(tick.Token).AsTask();
            var networkReady = network.WaitToReadAsync(tick.Token).AsTask();
            var beat = Task.Delay(heartbeat, _time, tick.Token);
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
                        _log.RetryNowDone("SIGUSR1", _supervisor.RetryNow(null, "SIGUSR1").Describe(_time.GetUtcNow()));
                        break;
                    case SignalNumbers.SIGTERM or SignalNumbers.SIGINT or SignalNumbers.SIGQUIT:
                        return SignalName(signal);
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
                return ControlResponse.Success(status: _store.Snapshot);
            case ControlCommand.Restart:
                return request.Tunnel is { } name && _supervisor.Restart(name, "the control socket")
                    ? ControlResponse.Success($"restarting {name}")
                    : UnknownTunnel(request.Tunnel);
            case ControlCommand.RetryNow:
                var retried = _supervisor.RetryNow(request.Tunnel);
                if (request.Tunnel is not null && retried.Tunnels.Count == 0) return UnknownTunnel(request.Tunnel);
                var outcome = retried.Describe(_time.GetUtcNow());
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

    /// <summary>A reload validates first; a bad file keeps the running set and says why.</summary>
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

            _hooks.Configure(((ConfigLoadResult.Valid)loaded).Config);
            lock (_statusGate) _systemd.BeginReload();
            var plan = await _supervisor.ReloadAsync(((ConfigLoadResult.Valid)loaded).Config);
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
        return new(tunnel, launcher, _log, _time, new TunnelSupervisorOptions
        {
            StartInfoFor = StartInfoFor,
            ListenerAccepts = (forward, ct) => ListenerCheck.AcceptsAsync(forward, TimeSpan.FromSeconds(1), ct),
            OnProbe = _recorder is { } recorder ? recorder.RecordProbe : null,
            StopGrace = _options.StopGrace,
            Reachability = _reachability,
            DescribePortHolder = port => PortHolder.Describe(port),
            ClaimSessionSocket = pid => SessionSocketClaim.Take(pid),
            BeforeStart = RemoveStaleControlSocket,
            ProbeClock = _probeClock,
            ProbeForward = controlPath is null ? null
                : (t, forward, connectListener, ct) => _probe.RunAsync(forward, controlPath, TimeSpan.FromSeconds(t.Health.ProbeTimeout), connectListener, ct),
        }, news);
    }

    /// <summary>Each ssh runs in its own process group with stderr captured, and with only the
    /// variables of <see cref="SshEnvironment"/> (so none of systemd's, meant for sshkeep alone)
    /// and the two that mark it as this instance's (<see cref="OrphanRule"/>), so that a daemon
    /// started after this one was killed can tell it from every other ssh.</summary>
    private SshStartInfo StartInfoFor(TunnelConfig tunnel)
    {
        var environment = new Dictionary<string, string?>(SshEnvironment.OverridesForDaemon(_options.Environment), StringComparer.Ordinal)
        {
            [OrphanRule.InstanceVariable] = _paths.LockPath,
            [OrphanRule.TunnelVariable] = tunnel.Name,
        };
        return new(tunnel.SshPath, TunnelSshArguments.Build(tunnel, ControlPathFor(tunnel)),
            environment, NewProcessGroup: true, CaptureStandardError: true, ClearEnvironment: true);
    }

    /// <summary>The tunnel's ControlPath when its probes are on (they open channels through it).</summary>
    private string? ControlPathFor(TunnelConfig tunnel) =>
        ProbeSchedule.Enabled(tunnel.Health) ? _paths.ControlMasterPath(tunnel.Name) : null;


    /// <summary>A killed ssh leaves its control socket behind; the next ssh would then refuse to
    /// be the master ("ControlSocket … already exists, disabling multiplexing") and the probes
    /// would fail. The path is ours alone (run directory, 0700), so removing it is safe; only a
    /// socket is removed, never another kind of file.</summary>
    private void RemoveStaleControlSocket(TunnelConfig tunnel)
    {
        if (ControlPathFor(tunnel) is not { } path) return;
        try
        {
            if (FileStatus.TryGet(path, out var status, out _) && status.IsSocket && status.Uid == LibC.geteuid()) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing (the usual case) or not ours: ssh will say what is wrong.
        }
    }

    /// <summary>
    /// Every transition, the only news (docs/daemon.md): from every tunnel's loop, concurrently,
    /// each tunnel's in order. Hooks, metrics and the timeline fold it at once; status.json and
    /// systemd are written from the status fold by the writer (<see cref="WriteStatusAsync"/>), not
    /// here: status.json is fsync'ed, which on a disk (a --run-dir under /tmp) takes tens of
    /// milliseconds, and a restart would wait for each of its transitions (measured: 0.2 s of a
    /// 0.4 s recovery).
    /// </summary>
    private void OnTransition(TunnelTransition transition)
    {
        _hooks.Fire(transition);
        _recorder?.Observe(transition);
        lock (_foldGate) _tunnels = StatusFold.Apply(_tunnels, transition);
        MarkStatusDirty();
        _watchdog.ReportAlive();
    }

    /// <summary>Asks the writer for a status write (and with it a readiness decision).</summary>
    private void MarkStatusDirty()
    {
        try { _statusDirty.Release(); }
        catch (SemaphoreFullException) { } // a write is already pending; it will read the newest state
    }

    /// <summary>Writes status.json and tells systemd whenever something changed, until cancelled.</summary>
    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _statusDirty.WaitAsync(cancellationToken);
                WriteStatusNow();
            }
        }
        catch (OperationCanceledException)
        {
            // stopping: the caller writes the last state
        }
    }

    /// <summary>Writes the newest fold to status.json and systemd, under the lock that orders the
    /// writes: the fold only moves forward, so a later write never shows an older state, and
    /// READY=1 and its STATUS= line come from one fold.</summary>
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

    /// <summary>False when others could change the tunnels file and the daemon was not told to
    /// accept that (docs/security.md); <paramref name="problem"/> says what is wrong, if anything.</summary>
    private bool TrustsConfigFile([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        problem = ConfigFileOnDisk.PermissionProblem(_configPath);
        return problem is null || _options.AllowUnsafeConfigPermissions;
    }

    private int Fail(string problem)
    {
        _stderr.WriteLine($"sshkeep: cannot start: {problem}");
        return ExitCodes.CannotStart;
    }

    private static string SignalName(int signal) => signal switch
    {
        SignalNumbers.SIGTERM => "SIGTERM",
        SignalNumbers.SIGINT => "SIGINT",
        SignalNumbers.SIGQUIT => "SIGQUIT",
        _ => $"signal {signal}",
    };

    public static string Version => typeof(DaemonHost).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    // HOME expands ~ and PATH finds the hooks' programs: the daemon's, where they will run.
    private ConfigLoadResult LoadConfig() =>
        ConfigLoader.Load(_configPath, _options.Environment.GetValueOrDefault("HOME"), _options.Environment.GetValueOrDefault("PATH"));
}
