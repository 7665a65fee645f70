using System.Globalization;
using SshKeep.Demo;
using SshKeep.Native;

namespace SshKeep.Bench.Soak;

/// <summary>
/// One soak: set up the world and the daemon, bring the five tunnels up, then round after round
/// apply the planned faults, wait for the heal, check every tunnel end to end, look for stray ssh,
/// and sample the daemon's footprint every <see cref="SoakOptions.SampleInterval"/> faults; at the end put
/// the file back to five default tunnels, sample again, stop the daemon and look for any ssh that
/// outlived it. Used by bench/soak's Program and, in-process, by the short soak test.
/// </summary>
internal sealed class SoakRun
{
    private static readonly TimeSpan UpLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StrayGrace = TimeSpan.FromSeconds(8);

    private readonly SoakOptions _options;
    private readonly SoakWorld _world;
    private readonly SoakLog _log;
    private readonly SoakResult _result;
    private readonly TimeProvider _time;
    private readonly FaultInjector _injector;

    private SoakRun(SoakOptions options, SoakWorld world, SoakLog log, SoakResult result, TimeProvider time)
    {
        _options = options;
        _world = world;
        _log = log;
        _result = result;
        _time = time;
        _injector = new FaultInjector(world, log, time);
    }

    /// <summary>Runs the soak; never throws except for a bad option. Cancellation ends it early with the
    /// result so far (<see cref="SoakResult.StoppedBecause"/>), every fault undone and every process stopped.</summary>
    /// <param name="progress">Gets a line per round and every failure (the log file gets everything).</param>
    public static async Task<SoakResult> RunAsync(SoakOptions options, string machine, TextWriter progress, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var startedAt = time.GetUtcNow();
        var logPath = Path.Combine(options.OutputDirectory, $"soak-{startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.log");
        var result = new SoakResult(options, machine, startedAt, logPath);
        using var log = new SoakLog(logPath, progress, time);
        log.Progress($"{options.CommandLine}: seed {options.Seed}, {options.Faults} faults, gaps ~{options.Gap.TotalSeconds:0.#} s, " +
                     $"goal: every tunnel back within {options.BackWithin.TotalSeconds:0.#} s of a heal; log: {logPath}");
        SoakWorld? world = null;
        try
        {
            world = await SoakWorld.CreateAsync(options.SshkeepPath, options.BackoffMax, time, cancellationToken).ConfigureAwait(false);
            await new SoakRun(options, world, log, result, time).RunInAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result.StoppedBecause ??= "interrupted";
            log.Progress("interrupted: undoing the faults in progress and stopping everything");
        }
        catch (Exception e)
        {
            result.StoppedBecause = $"failed: {e.Message.Split('\n')[0]}";
            log.Progress($"the soak failed: {e}");
        }
        finally
        {
            if (world is not null)
            {
                log.Block("the daemon's log (stderr)", world.DaemonLog);
                await world.DisposeAsync().ConfigureAwait(false);
            }
            result.Duration = log.Elapsed;
        }
        return result;
    }

    private async Task RunInAsync(CancellationToken cancellationToken)
    {
        _log.Progress($"sshd on 127.0.0.1:{_world.Sshd.Port} (pid {_world.Sshd.ListenerPid}), echo server on 127.0.0.1:{_world.Echo.Port}; tunnels: " +
                      string.Join(", ", _world.Layout.Current.Select(t => $"{t.Name} {t.Forward} {t.Port}")));
        _world.StartDaemon();
        var daemon = _world.Daemon!;
        _log.Progress($"started sshkeep up (pid {daemon.Pid}): {daemon.Command}");
        await WaitAllUpAsync(cancellationToken).ConfigureAwait(false);
        var first = await CheckAllAsync(_time.GetTimestamp(), cancellationToken).ConfigureAwait(false);
        if (first.Any(b => b.After is null))
            throw new InvalidOperationException($"tunnels up in status but carrying no bytes: {string.Join(", ", first.Where(b => b.After is null).Select(b => b.Tunnel))}");
        await Task.Delay(TimeSpan.FromSeconds(2), _time, cancellationToken).ConfigureAwait(false);
        await SampleAsync("start", 0, cancellationToken).ConfigureAwait(false);

        var planner = new FaultPlanner(_options.Seed, _options, _world.Layout);
        var applied = 0;
        var nextSample = _options.SampleInterval;
        while (applied < _options.Faults)
        {
            if (_log.Elapsed > _options.TimeLimit)
            {
                _result.StoppedBecause = $"time limit of {_options.TimeLimit.TotalMinutes:0} min reached after {applied} faults";
                _log.Progress(_result.StoppedBecause);
                return;
            }
            var round = planner.Next(_options.Faults - applied);
            await RoundAsync(round, applied + 1, cancellationToken).ConfigureAwait(false);
            applied += round.Faults.Count;
            if (applied >= nextSample && applied < _options.Faults)
            {
                await SampleAsync($"after {applied} faults", applied, cancellationToken).ConfigureAwait(false);
                nextSample += _options.SampleInterval;
            }
            await Task.Delay(round.GapAfter, _time, cancellationToken).ConfigureAwait(false);
        }
        await FinishAsync(applied, cancellationToken).ConfigureAwait(false);
        _result.Complete = true;
    }

    private async Task RoundAsync(PlannedRound round, int firstFault, CancellationToken cancellationToken)
    {
        var before = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var numbers = round.Faults.Count == 1 ? $"fault {firstFault}" : $"faults {firstFault}–{firstFault + 1}";
        _log.Detail($"{numbers}/{_options.Faults}: {string.Join(" + ", round.Faults.Select(f => f.Describe()))}");
        var outcomes = await Task.WhenAll(round.Faults.Select(f => _injector.ApplyAsync(f, before, round.LayoutAfter, cancellationToken))).ConfigureAwait(false);
        var healedAt = outcomes.Max(o => o.HealedAt);
        var back = await CheckAllAsync(healedAt, cancellationToken).ConfigureAwait(false);
        var after = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var restarts = RestartsBetween(before, after);
        _result.Restarts += restarts;

        // A tunnel that missed the goal: what the daemon says about it, right now.
        var faultBegan = outcomes.Min(o => o.StartedAt);
        back = [.. back.Select(b => b.Within(_options.BackWithin) ? b : Explained(b, after, faultBegan))];
        var record = new RoundRecord(firstFault, outcomes, _log.Since(healedAt), back, restarts);
        _result.Rounds.Add(record);

        var slowest = back.MaxBy(b => b.After ?? TimeSpan.MaxValue)!;
        _log.Progress(string.Create(CultureInfo.InvariantCulture,
            $"{record.Numbers}/{_options.Faults}: {record.Describe()} → healed after {_time.GetElapsedTime(outcomes.Min(o => o.StartedAt), healedAt).TotalSeconds:0.00} s; " +
            $"{(record.Slowest is { } s ? $"all {back.Count} back in {s.TotalSeconds:0.00} s (slowest {slowest.Tunnel})" : "NOT all back")}; restarts +{restarts}"));
        foreach (var miss in back.Where(b => !b.Within(_options.BackWithin)))
        {
            _log.Progress(string.Create(CultureInfo.InvariantCulture,
                $"  MISSED: {miss.Tunnel} {(miss.After is { } a ? $"back only after {a.TotalSeconds:0.00} s" : $"not back within {_options.RecoveryLimit.TotalSeconds:0} s")}" +
                $"{(miss.LongestBackoff is { } wait ? $" (the daemon announced a back-off of {wait.TotalSeconds:0.0} s)" : "")}; status: {miss.Status}"));
            foreach (var line in miss.DaemonLines ?? []) _log.Progress($"    | {line}");
        }
        await StrayCheckAsync(record.LastFault, after, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the file back to five default tunnels (so the end's footprint compares with the
    /// start's), checks them, samples, and stops the daemon: no ssh may outlive it.</summary>
    private async Task FinishAsync(int applied, CancellationToken cancellationToken)
    {
        if (!_world.Layout.IsBase)
        {
            var before = await StatusAsync(cancellationToken).ConfigureAwait(false);
            var error = await _world.ReloadAsync(_world.Layout.AsBase(), cancellationToken).ConfigureAwait(false);
            if (error is not null) _log.Progress($"end: putting the file back to five default tunnels: {error}");
            var healedAt = _time.GetTimestamp();
            var back = await CheckAllAsync(healedAt, cancellationToken).ConfigureAwait(false);
            var after = await StatusAsync(cancellationToken).ConfigureAwait(false);
            _result.Restarts += RestartsBetween(before, after);
            _result.FinalCheck.AddRange(back.Select(b => b.Within(_options.BackWithin) ? b : Explained(b, after, healedAt)));
            _log.Progress($"end: file back to five default tunnels; {(back.All(b => b.Within(_options.BackWithin)) ? "all back" : "NOT all back")}");
        }
        await StrayCheckAsync(applied, null, cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(2), _time, cancellationToken).ConfigureAwait(false);
        await SampleAsync("end", applied, cancellationToken).ConfigureAwait(false);
        _result.RestartsInStatusAtEnd = (await StatusAsync(cancellationToken).ConfigureAwait(false)).RestartSum;

        var daemonPid = _world.Daemon!.Pid;
        _result.DaemonExit = await _world.StopDaemonAsync().ConfigureAwait(false);
        _log.Progress($"end: the daemon (pid {daemonPid}) stopped with exit status {_result.DaemonExit}");
        // Every ssh of this soak is a stray now; give a dying one a moment to be reaped.
        var survivors = StraySshScan.Find(null, new HashSet<int>(), _world.Sshd.ClientKeyPath, _injector.OwnSsh, applied);
        if (survivors.Count > 0) await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
        foreach (var survivor in survivors.Where(StraySshScan.StillThere))
        {
            _result.Strays.Add(survivor with { CommandLine = $"outlived the daemon: {survivor.CommandLine}" });
            _log.Progress($"STRAY: ssh pid {survivor.Pid} outlived the daemon; killing it: {survivor.CommandLine}");
            if (ProcessTable.Identify(survivor.Pid) is { } process) NativeSignals.Send(process, SignalNumbers.SIGKILL);
        }
    }

    private async Task WaitAllUpAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var names = _world.Layout.Current.Select(t => t.Name).ToList();
        while (true)
        {
            var status = await _world.StatusAsync(cancellationToken).ConfigureAwait(false);
            if (status is not null && names.All(n => status.Find(n)?.State == "up"))
            {
                _log.Progress($"all {names.Count} tunnels up after {_time.GetElapsedTime(started).TotalSeconds:0.0} s");
                return;
            }
            if (_world.Daemon!.HasExited)
                throw new InvalidOperationException($"sshkeep up exited with {await _world.Daemon.Exited.ConfigureAwait(false)}: {_world.DaemonLog.Trim()}");
            if (_time.GetElapsedTime(started) > UpLimit)
                throw new InvalidOperationException($"the tunnels were not all up within {UpLimit.TotalSeconds:0} s: " +
                    string.Join("; ", status?.Tunnels.Select(t => $"{t.Name}: {t.Describe()}") ?? ["no status"]));
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<TunnelBack>> CheckAllAsync(long healedAt, CancellationToken cancellationToken)
    {
        var tunnels = _world.Layout.Current;
        var backs = await Task.WhenAll(tunnels.Select(t => TunnelCheck.BackAfterAsync(t.Port, healedAt, _options.RecoveryLimit, _time, cancellationToken))).ConfigureAwait(false);
        return [.. tunnels.Zip(backs, (t, b) => new TunnelBack(t.Name, b))];
    }

    /// <summary>
    /// Candidates are ssh children of the daemon, or ssh of this soak, that status does not list.
    /// A candidate may be on its way out (the daemon gives ssh 5 s after SIGTERM; `ssh -G` ends at
    /// once), so it counts only if it is still there, still unlisted, after <see cref="StrayGrace"/>.
    /// </summary>
    /// <param name="status">A status read just now, or null to ask for one.</param>
    private async Task StrayCheckAsync(int afterFaults, DaemonStatus? status, CancellationToken cancellationToken)
    {
        status ??= await StatusAsync(cancellationToken).ConfigureAwait(false);
        var candidates = StraySshScan.Find(_world.Daemon!.Pid, status.OwnedPids, _world.Sshd.ClientKeyPath, _injector.OwnSsh, afterFaults);
        var started = _time.GetTimestamp();
        while (candidates.Count > 0 && _time.GetElapsedTime(started) < StrayGrace)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken).ConfigureAwait(false);
            var owned = (await StatusAsync(cancellationToken).ConfigureAwait(false)).OwnedPids;
            candidates = [.. candidates.Where(c => StraySshScan.StillThere(c) && !owned.Contains(c.Pid))];
        }
        foreach (var stray in candidates)
        {
            if (_result.Strays.Any(s => s.Pid == stray.Pid && s.CommandLine == stray.CommandLine)) continue;
            _result.Strays.Add(stray);
            _log.Progress($"STRAY: {stray.Describe()}");
        }
    }

    private async Task SampleAsync(string label, int afterFaults, CancellationToken cancellationToken)
    {
        var sample = await DaemonFootprint.SampleAsync(_world.Daemon!.Pid, label, afterFaults, _world.Layout.Current.Count, _time, cancellationToken).ConfigureAwait(false);
        if (sample is null)
        {
            _log.Progress($"footprint {label}: could not read /proc/{_world.Daemon.Pid}");
            return;
        }
        var changes = _result.Footprint.FirstOrDefault() is { } start ? DaemonFootprint.KindChanges(start, sample) : "";
        _result.Footprint.Add(sample);
        _log.Progress(string.Create(CultureInfo.InvariantCulture,
            $"footprint {label}: {sample.Fds} fds, RSS {sample.RssMb:0.0} MB, {sample.Tunnels} tunnels{(changes.Length > 0 ? $"; fds vs start: {changes}" : "")}"));
        _log.Detail($"  fds by kind: {string.Join(", ", sample.FdKinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");
    }

    /// <summary>`status --json`, asked again for a while if the daemon does not answer (a reload in progress).</summary>
    private async Task<DaemonStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            if (await _world.StatusAsync(cancellationToken).ConfigureAwait(false) is { } status) return status;
            if (_world.Daemon!.HasExited)
                throw new InvalidOperationException($"sshkeep up exited with {await _world.Daemon.Exited.ConfigureAwait(false)}");
            if (_time.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                throw new InvalidOperationException("sshkeep status --json gave no answer for 30 s");
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Per tunnel: restarts after − before; a tunnel new or reset by a reload counts from zero.</summary>
    private static int RestartsBetween(DaemonStatus before, DaemonStatus after) =>
        after.Tunnels.Sum(t => before.Find(t.Name) is { } b && t.Restarts >= b.Restarts ? t.Restarts - b.Restarts : t.Restarts);

    /// <summary>A miss with what explains it: the tunnel's status now, the daemon's last 12 lines about
    /// it, and the longest back-off it announced since <paramref name="faultBegan"/> (a second of slack
    /// for the clocks: the log's wall clock, the run's monotonic one).</summary>
    private TunnelBack Explained(TunnelBack miss, DaemonStatus status, long faultBegan)
    {
        var log = _world.DaemonLog;
        var all = DaemonLogLines.About(log, miss.Tunnel, DateTimeOffset.MinValue);
        var since = _result.StartedAt + _log.Since(faultBegan) - TimeSpan.FromSeconds(1);
        return miss with
        {
            Status = status.Find(miss.Tunnel)?.Describe() ?? "not in status",
            DaemonLines = [.. all.Skip(Math.Max(0, all.Count - 12)).Select(l => l.Line)],
            LongestBackoff = DaemonLogLines.LongestBackoff(all.Where(l => l.At >= since).Select(l => l.Line)),
        };
    }
}
