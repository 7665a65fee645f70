using System.Globalization;
using SshKeep.Demo;
using SshKeep.Native;

namespace SshKeep.Bench.Faults;

/// <summary>
/// One keeper through one fault: a fresh sshd, echo server and keeper (so nothing carries over
/// from an earlier fault: no back-off counter, no lingering session), the tunnel brought up and
/// settled, the fault injected and healed, and the timings read from the probe results and the
/// keeper's ssh children. The heal is where the recovery clock starts: the kill itself (kill),
/// the rules removed (black-hole), the keeper letting go of the frozen session (freeze), sshd
/// listening again (sshd restart), the old session gone (remote port).
/// </summary>
internal sealed class Trial(KeeperKind keeper, FaultScenario scenario, int rep, BenchOptions options, string sshPath, TimeProvider time)
{
    private static readonly TimeSpan UpLimit = TimeSpan.FromSeconds(60);

    /// <summary>A probe every 100 ms, each on a new connection with a 1 s timeout (bench/README.md).</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly TrialNarrative _narrative = new(time);

    public string Name => $"{keeper.Id()}-{scenario.Id}-r{rep}";

    /// <summary>Runs the trial; never throws except for cancellation. Writes its log to <paramref name="logDirectory"/>.</summary>
    public Task<TrialResult> RunAsync(string logDirectory, CancellationToken cancellationToken) =>
        TrialEnvelope.RunAsync(Name, logDirectory, keeper, _narrative, RunInAsync,
                               why => new TrialResult(keeper, scenario, rep, null, null, null, null, why), cancellationToken);

    private async Task<TrialResult> RunInAsync(string work, Action<KeeperProcess> started, CancellationToken cancellationToken)
    {
        await using var sshd = await ThrowawaySshd.CreateAsync(timeProvider: time, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var echo = EchoServer.Start();
        var listenPort = LoopbackPort.PickFree();
        var forward = scenario.IsRemoteForward ? "-R" : "-L";
        var spec = $"127.0.0.1:{listenPort}:127.0.0.1:{echo.Port}";
        Say($"sshd on 127.0.0.1:{sshd.Port} (pid {sshd.ListenerPid}); echo server on 127.0.0.1:{echo.Port}; tunnel {forward} {spec}");

        var keeperProcess = KeeperProcess.Start(keeper, options.ProgramOf(keeper), sshd, forward, spec, work);
        started(keeperProcess);
        Say($"started {keeper.Label()} (pid {keeperProcess.Pid}): {keeperProcess.Command}");
        // The daemon holds a -L port itself (docs/held-ports.md): its ssh is the one that is the tunnel's ControlMaster.
        var marker = keeper == KeeperKind.Daemon && forward == "-L" ? "ControlMaster=yes" : $":{listenPort}:";
        var children = new SshChildWatcher(keeperProcess.Pid, sshPath, marker, time);
        // A keeper that exits ends the trial at once instead of after the recovery limit.
        using var keeperGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exitWatch = keeperProcess.Exited.ContinueWith(_ => keeperGone.Cancel(), CancellationToken.None,
                                                          TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            await using var prober = new OverlappingProber(listenPort, ProbeInterval, ProbeTimeout, time);
            return await MeasureAsync(sshd, children, prober, keeperGone.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && keeperProcess.Exited.IsCompleted)
        {
            var note = $"{keeper.Label()} exited with status {await keeperProcess.Exited.ConfigureAwait(false)}";
            Say(note);
            return new TrialResult(keeper, scenario, rep, null, null, null, null, note);
        }
        finally
        {
            // The keeper goes before the sshd, so it does not see the server vanish and start again.
            await CleanUpAsync(keeperProcess, children).ConfigureAwait(false);
            await exitWatch.ConfigureAwait(false);
        }
    }

    private async Task<TrialResult> MeasureAsync(
        ThrowawaySshd sshd, SshChildWatcher children, OverlappingProber prober, CancellationToken cancellationToken)
    {
        var launched = time.GetTimestamp();
        if (await prober.Results.WaitForAsync(launched, p => p.Ok, UpLimit, cancellationToken).ConfigureAwait(false) is not { } up)
            return Failed($"the tunnel never carried bytes within {UpLimit.TotalSeconds:0} s");
        Say(up.Item.FinishedAt, $"tunnel up (first good probe {Seconds(launched, up.Item.FinishedAt)} after the start)");

        // Settled: the tunnel worked for a while and works now.
        await Task.Delay(options.Settle, time, cancellationToken).ConfigureAwait(false);
        if (await prober.Results.WaitForAsync(time.GetTimestamp(), p => p.Ok, UpLimit, cancellationToken).ConfigureAwait(false) is null)
            return Failed("the tunnel stopped carrying bytes before the fault");
        if (children.Current is not { } ssh) return Failed($"{keeper.Label()} has no ssh child to fault");
        Say($"the tunnel is carried by ssh pid {ssh.Pid}");

        var (fault, heal, note) = await InjectAsync(sshd, children, ssh, prober, cancellationToken).ConfigureAwait(false);

        (long At, ProbeOutcome Item)? good = null;
        if (heal is { } healedAt)
        {
            good = await prober.Results.WaitForAsync(healedAt, p => p.Ok, options.RecoveryLimit, cancellationToken).ConfigureAwait(false);
            if (good is { } g) Say(g.Item.FinishedAt, $"tunnel works again: first good probe {Seconds(healedAt, g.Item.FinishedAt)} after the heal, {Seconds(fault, g.Item.FinishedAt)} after the fault");
            else note ??= $"not working {options.RecoveryLimit.TotalSeconds:0} s after the heal";
        }

        var events = children.Events.Snapshot();
        var reaped = events.FirstOrDefault(e => e.At >= fault && e.Item.Kind == SshChildEventKind.Reaped && e.Item.Ssh == ssh);
        var restarted = events.FirstOrDefault(e => e.At >= fault && e.Item.Kind == SshChildEventKind.Started && e.Item.Ssh != ssh);
        foreach (var (at, change) in events.Where(e => e.At >= fault)) Say(at, $"ssh pid {change.Ssh.Pid} {change.Kind.ToString().ToLowerInvariant()}");
        TimeSpan? Since(long from, long at) => at == 0 ? null : time.GetElapsedTime(from, at);
        var result = new TrialResult(keeper, scenario, rep,
            Detected: Since(fault, reaped.At),
            Restarted: Since(fault, restarted.At),
            HealToGood: good is { } r && heal is { } h ? time.GetElapsedTime(h, r.Item.FinishedAt) : null,
            Outage: good is { } o ? time.GetElapsedTime(fault, o.Item.FinishedAt) : null,
            Note: note);
        Say($"result: detected {Seconds(result.Detected)}, restarted {Seconds(result.Restarted)}, heal → good {Seconds(result.HealToGood)}, outage {Seconds(result.Outage)}{(note is null ? "" : $" ({note})")}");
        return result;

        TrialResult Failed(string why)
        {
            Say(why);
            return new TrialResult(keeper, scenario, rep, null, null, null, null, why);
        }
    }

    /// <summary>Injects the fault and heals it. Returns when the fault began, when it was healed
    /// (null when it never was), and a note when something did not go to plan.</summary>
    private async Task<(long Fault, long? Heal, string? Note)> InjectAsync(
        ThrowawaySshd sshd, SshChildWatcher children, ProcessIdentity ssh, OverlappingProber prober, CancellationToken cancellationToken)
    {
        switch (scenario.Kind)
        {
            case FaultKind.SshKilled:
            {
                var fault = time.GetTimestamp();
                if (!NativeSignals.Send(ssh, SignalNumbers.SIGKILL)) return (fault, null, "the ssh to kill was already gone");
                Say(fault, $"fault: SIGKILL ssh pid {ssh.Pid}; healed at once (the server never went away)");
                return (fault, fault, null);
            }
            case FaultKind.BlackHole:
            {
                var (fault, heal) = await ServerOutage.BlackHoleAsync(sshd, scenario.Hold, _narrative, time, cancellationToken).ConfigureAwait(false);
                return (fault, heal, null);
            }
            case FaultKind.ServerFrozen:
            {
                var sessions = Identify(sshd.SessionPids());
                if (sessions.Count == 0) return (time.GetTimestamp(), null, "found no server session to freeze");
                var fault = time.GetTimestamp();
                try
                {
                    foreach (var session in sessions) NativeSignals.Send(session, SignalNumbers.SIGSTOP);
                    Say(fault, $"fault: SIGSTOP server session (pids {string.Join(", ", sessions.Select(s => s.Pid))})");
                    // The server accepts new sessions all along; the keeper can have one again as
                    // soon as it lets go of the frozen one, so that is the heal.
                    var reaped = await children.Events.WaitForAsync(fault, e => e.Kind == SshChildEventKind.Reaped && e.Ssh == ssh,
                                                                    options.RecoveryLimit, cancellationToken).ConfigureAwait(false);
                    if (reaped is not { } r) return (fault, null, $"the frozen session was not noticed within {options.RecoveryLimit.TotalSeconds:0} s");
                    Say(r.At, $"heal: {keeper.Label()} let go of ssh pid {ssh.Pid}");
                    // Keep the old session frozen until the tunnel works again, as a dead server would stay dead.
                    await prober.Results.WaitForAsync(r.At, p => p.Ok, options.RecoveryLimit, cancellationToken).ConfigureAwait(false);
                    return (fault, r.At, null);
                }
                finally
                {
                    foreach (var session in sessions) NativeSignals.Send(session, SignalNumbers.SIGCONT);
                }
            }
            case FaultKind.SshdRestarted:
            {
                var (fault, heal) = await ServerOutage.SshdDownAsync(sshd, scenario.Hold, _narrative, time, cancellationToken).ConfigureAwait(false);
                return (fault, heal, null);
            }
            case FaultKind.RemotePortHeld:
            {
                var sessions = Identify(sshd.SessionPids());
                if (sessions.Count == 0) return (time.GetTimestamp(), null, "found no server session to freeze");
                var fault = time.GetTimestamp();
                try
                {
                    // The old session, frozen, keeps the remote listener bound: every new session's
                    // -R is refused ("remote port forwarding failed") until it is gone.
                    foreach (var session in sessions) NativeSignals.Send(session, SignalNumbers.SIGSTOP);
                    NativeSignals.Send(ssh, SignalNumbers.SIGKILL);
                    Say(fault, $"fault: SIGSTOP server session (pids {string.Join(", ", sessions.Select(s => s.Pid))}) and SIGKILL ssh pid {ssh.Pid}; the old session holds the remote port for {scenario.Hold.TotalSeconds:0} s");
                    await Task.Delay(scenario.Hold, time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var session in sessions) NativeSignals.Send(session, SignalNumbers.SIGKILL);
                }
                await WaitUntilGoneAsync(sessions, cancellationToken).ConfigureAwait(false);
                var heal = time.GetTimestamp();
                Say(heal, "heal: the old session is gone (SIGKILL), the remote port is free");
                return (fault, heal, null);
            }
            default:
                throw new InvalidOperationException($"no injection for {scenario.Kind}");
        }
    }

    /// <summary>Ends what the keeper should have ended: the keeper itself (SIGTERM, then SIGKILL), then any
    /// ssh it left behind (reported in the log, since that is a bug in the keeper).</summary>
    private async Task CleanUpAsync(KeeperProcess keeperProcess, SshChildWatcher children)
    {
        await children.DisposeAsync().ConfigureAwait(false);
        var status = await keeperProcess.StopAsync().ConfigureAwait(false);
        Say($"stopped {keeper.Label()} (exit status {status})");
        await keeperProcess.DisposeAsync().ConfigureAwait(false);
        foreach (var survivor in children.Seen.Where(ProcessTable.IsAlive))
        {
            Say($"ssh pid {survivor.Pid} outlived {keeper.Label()}; killing it");
            NativeSignals.Send(survivor, SignalNumbers.SIGKILL);
        }
    }

    private async Task WaitUntilGoneAsync(IReadOnlyList<ProcessIdentity> processes, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        // A process's sockets close when it exits, before it is reaped: a zombie holds no port.
        while (processes.Any(ProcessTable.IsAlive) &&
               time.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<ProcessIdentity> Identify(IEnumerable<int> pids) =>
        [.. pids.Select(ProcessTable.Identify).OfType<ProcessIdentity>()];

    private void Say(string text) => _narrative.Say(text);

    private void Say(long at, string text) => _narrative.Say(at, text);

    private string Seconds(long from, long to) => Seconds(time.GetElapsedTime(from, to));

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.00} s") : "never";
}
