using System.Globalization;
using System.Text;
using System.Text.Json;
using SshKeep.Demo;
using SshKeep.Native;

namespace SshKeep.Bench.Clients;

/// <summary>
/// One keeper through one fault, with a client connecting through its -L tunnel all along: a fresh
/// sshd (two for failover), echo server and keeper, the tunnel brought up and settled, the fault
/// injected and healed, then every attempt started from the fault until <see cref="Counted"/> after
/// the heal is kept with its outcome and wait. The heal is the kill itself (kill, standby), the
/// rules removed (black-hole), sshd listening again (sshd down), the first sshd and its sessions
/// gone (failover: the second server answers all along).
/// </summary>
internal sealed class ClientTrial(KeeperKind keeper, ClientScenario scenario, int rep, ClientsOptions options, string sshPath, TimeProvider time)
{
    /// <summary>A new client connection every 50 ms, without waiting for the previous one.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Attempts are counted from the fault until this long after the heal.</summary>
    public static readonly TimeSpan Counted = TimeSpan.FromSeconds(2);

    /// <summary>ssh's ConnectTimeout for every keeper, in seconds.</summary>
    public const int ConnectTimeout = 3;

    private static readonly TimeSpan UpLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>How long after the heal the clients keep going to see the tunnel work again.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(120);

    private readonly TrialNarrative _narrative = new(time);

    public string Name => $"{keeper.Id()}-{scenario.Id}-r{rep}";

    /// <summary>Runs the trial; never throws except for cancellation. Writes its log to <paramref name="logDirectory"/>.</summary>
    public Task<ClientTrialResult> RunAsync(string logDirectory, CancellationToken cancellationToken) =>
        TrialEnvelope.RunAsync(Name, logDirectory, keeper, _narrative, RunInAsync, Nothing, cancellationToken);

    private async Task<ClientTrialResult> RunInAsync(string work, Action<KeeperProcess> started, CancellationToken cancellationToken)
    {
        await using var sshd = await ThrowawaySshd.CreateAsync(timeProvider: time, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var second = scenario.Kind == ClientFaultKind.Failover
            ? await ThrowawaySshd.CreateAsync(timeProvider: time, cancellationToken: cancellationToken).ConfigureAwait(false)
            : null;
        await using var echo = EchoServer.Start();
        var listenPort = LoopbackPort.PickFree();
        var spec = $"127.0.0.1:{listenPort}:127.0.0.1:{echo.Port}";
        _narrative.Say($"sshd on 127.0.0.1:{sshd.Port}{(second is null ? "" : $", second sshd on 127.0.0.1:{second.Port}")}; " +
                       $"echo server on 127.0.0.1:{echo.Port}; tunnel -L {spec}");

        KeeperProcess keeperProcess;
        if (OwnDaemonConfig(sshd, second, spec, work) is { } config)
        {
            File.WriteAllText(KeeperProcess.ConfigPath(work), config);
            if (await RefusedAsync(KeeperProcess.ConfigPath(work), cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                _narrative.Say(refusal);
                return Nothing(refusal);
            }
            keeperProcess = KeeperProcess.StartDaemon(options.SshkeepPath, config, work);
        }
        else
        {
            keeperProcess = KeeperProcess.Start(keeper, options.ProgramOf(keeper), sshd, "-L", spec, work, ConnectTimeout);
        }
        started(keeperProcess);
        _narrative.Say($"started {keeper.Label()} (pid {keeperProcess.Pid}): {keeperProcess.Command}");
        // A keeper that exits ends the trial at once instead of after the recovery limit.
        using var keeperGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exitWatch = keeperProcess.Exited.ContinueWith(_ => keeperGone.Cancel(), CancellationToken.None,
                                                          TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            await using var clients = new OverlappingProber(listenPort, Interval, scenario.Patience, time);
            return await MeasureAsync(sshd, keeperProcess, work, clients, keeperGone.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && keeperProcess.Exited.IsCompleted)
        {
            var note = $"{keeper.Label()} exited with status {await keeperProcess.Exited.ConfigureAwait(false)}";
            _narrative.Say(note);
            return Nothing(note);
        }
        finally
        {
            var status = await keeperProcess.StopAsync().ConfigureAwait(false);
            _narrative.Say($"stopped {keeper.Label()} (exit status {status})");
            await keeperProcess.DisposeAsync().ConfigureAwait(false);
            await exitWatch.ConfigureAwait(false);
        }
    }

    private async Task<ClientTrialResult> MeasureAsync(
        ThrowawaySshd sshd, KeeperProcess keeperProcess, string work, OverlappingProber clients, CancellationToken cancellationToken)
    {
        var launched = time.GetTimestamp();
        if (await clients.Results.WaitForAsync(launched, p => p.Ok, UpLimit, cancellationToken).ConfigureAwait(false) is not { } up)
            return Failed($"the tunnel never carried bytes within {UpLimit.TotalSeconds:0} s");
        _narrative.Say(up.Item.FinishedAt, $"tunnel up (first echo {Seconds(time.GetElapsedTime(launched, up.Item.FinishedAt))} after the start)");
        await Task.Delay(Settle, time, cancellationToken).ConfigureAwait(false);
        if (await clients.Results.WaitForAsync(time.GetTimestamp(), p => p.Ok, UpLimit, cancellationToken).ConfigureAwait(false) is null)
            return Failed("the tunnel stopped carrying bytes before the fault");

        var injected = await InjectAsync(sshd, keeperProcess, work, cancellationToken).ConfigureAwait(false);
        if (injected is not var (fault, heal)) return Failed($"{keeper.Label()} has no ssh to kill");

        var countedUntil = heal + (long)(Counted.TotalSeconds * time.TimestampFrequency);
        var wait = time.GetElapsedTime(time.GetTimestamp(), countedUntil);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        var good = await clients.Results.WaitForAsync(heal, p => p.Ok, RecoveryLimit, cancellationToken).ConfigureAwait(false);
        // Every attempt started so far gets its outcome: the slowest waits out its patience.
        await clients.DrainAsync().ConfigureAwait(false);

        List<AttemptRecord> attempts =
        [
            .. clients.Results.Snapshot()
                      .Where(e => e.At >= fault && e.At <= countedUntil)
                      .OrderBy(e => e.At)
                      .Select(e => new AttemptRecord(time.GetElapsedTime(fault, e.At), e.Item.Outcome, time.GetElapsedTime(e.At, e.Item.FinishedAt))),
        ];
        var back = good is { } g ? time.GetElapsedTime(heal, g.Item.FinishedAt) : (TimeSpan?)null;
        var result = new ClientTrialResult(keeper, scenario, rep, attempts, time.GetElapsedTime(fault, heal), back,
                                           back is null ? $"not working {RecoveryLimit.TotalSeconds:0} s after the heal" : null);
        _narrative.Say($"result: {attempts.Count} attempts, {result.Failed} failed, worst wait {Seconds(result.WorstWait)}, " +
                       $"median wait {Seconds(result.MedianWait)}, back to working {Seconds(back)}");
        var table = new StringBuilder("attempts (start after the fault, outcome, wait):\n");
        foreach (var a in attempts)
        {
            var outcome = a.Outcome.ToString().ToLowerInvariant();
            table.Append(CultureInfo.InvariantCulture, $"  {a.Start.TotalSeconds,7:0.000}  {outcome,-8} {a.Wait.TotalSeconds,7:0.000}\n");
        }
        _narrative.Say(table.ToString().TrimEnd());
        return result;

        ClientTrialResult Failed(string why)
        {
            _narrative.Say(why);
            return Nothing(why);
        }
    }

    /// <summary>Injects the fault and heals it; null when there was no ssh to kill.</summary>
    private async Task<(long Fault, long Heal)?> InjectAsync(
        ThrowawaySshd sshd, KeeperProcess keeperProcess, string work, CancellationToken cancellationToken)
    {
        switch (scenario.Kind)
        {
            case ClientFaultKind.SshKilled or ClientFaultKind.StandbyKilled:
            {
                if (await SshToKillAsync(keeperProcess, work, cancellationToken).ConfigureAwait(false) is not { } ssh) return null;
                var fault = time.GetTimestamp();
                NativeSignals.Send(ssh, SignalNumbers.SIGKILL);
                _narrative.Say(fault, $"fault: SIGKILL ssh pid {ssh.Pid}; healed at once (the server never went away)");
                return (fault, fault);
            }
            case ClientFaultKind.BlackHole:
                return await ServerOutage.BlackHoleAsync(sshd, scenario.Hold, _narrative, time, cancellationToken).ConfigureAwait(false);
            case ClientFaultKind.SshdDown:
                return await ServerOutage.SshdDownAsync(sshd, scenario.Hold, _narrative, time, cancellationToken).ConfigureAwait(false);
            case ClientFaultKind.Failover:
            {
                var fault = time.GetTimestamp();
                await sshd.StopAsync().ConfigureAwait(false);
                _narrative.Say(fault, $"fault: the first sshd (port {sshd.Port}) stopped for good, its sessions killed");
                // The second server answers all along: the heal is the first one gone.
                var heal = time.GetTimestamp();
                _narrative.Say(heal, "heal: the first sshd and its sessions are gone; the second answers");
                return (fault, heal);
            }
            default:
                throw new InvalidOperationException($"no injection for {scenario.Kind}");
        }
    }

    /// <summary>The ssh that carries the tunnel: the daemon's, as `sshkeep status --json` names it (with a
    /// standby, the active one); autossh's and compat's only ssh child.</summary>
    private async Task<ProcessIdentity?> SshToKillAsync(KeeperProcess keeperProcess, string work, CancellationToken cancellationToken)
    {
        if (keeper != KeeperKind.Daemon)
        {
            return ProcessTable.ChildrenOf(keeperProcess.Pid).Cast<ProcessIdentity?>()
                               .FirstOrDefault(c => ProcessTable.ExecutableOf(c!.Value.Pid) == sshPath);
        }
        var status = await ProcessRunner.RunAsync(options.SshkeepPath,
            ["status", "--json", "-c", KeeperProcess.ConfigPath(work), "--run-dir", KeeperProcess.RunDirectory(work)],
            TimeSpan.FromSeconds(10), cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(status.StandardOutput);
            foreach (var tunnel in document.RootElement.GetProperty("tunnels").EnumerateArray())
            {
                if (tunnel.GetProperty("name").GetString() == KeeperProcess.TunnelName &&
                    tunnel.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number)
                    return ProcessTable.Identify(pid.GetInt32());
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            _narrative.Say($"sshkeep status --json said: {status.StandardOutput}{status.StandardError}");
        }
        return null;
    }

    /// <summary>The tunnels file of the daemon-only scenarios; null for the others (<see cref="KeeperProcess.Start"/> writes theirs).</summary>
    private string? OwnDaemonConfig(ThrowawaySshd sshd, ThrowawaySshd? second, string spec, string work)
    {
        switch (scenario.Kind)
        {
            case ClientFaultKind.StandbyKilled:
                var standby = $"    destination: {sshd.Destination}\n{sshd.TunnelKeysYaml("    ")}    standby: true\n";
                return KeeperProcess.DaemonConfig(standby, "-L", spec, ConnectTimeout);
            case ClientFaultKind.Failover:
                // Two servers on two ports: a Host alias each in a private ssh_config, which ssh reads
                // through a wrapper given as ssh_path (the daemon has no -F of its own).
                var sshConfig = Path.Combine(work, "ssh_config");
                var aliases = new[] { ("sshkeep-bench-first", sshd), ("sshkeep-bench-second", second!) };
                File.WriteAllText(sshConfig, string.Concat(aliases.Select(a => HostBlock(a.Item1, a.Item2))));
                var wrapper = Path.Combine(work, "ssh");
                File.WriteAllText(wrapper, $"#!/bin/sh\nexec {sshPath} -F {sshConfig} \"$@\"\n");
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                              UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                                              UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                var failover = $"    destination: [{string.Join(", ", aliases.Select(a => a.Item1))}]\n    ssh_path: {wrapper}\n";
                return KeeperProcess.DaemonConfig(failover, "-L", spec, ConnectTimeout);
            default:
                return null;
        }
    }

    private static string HostBlock(string alias, ThrowawaySshd sshd) => string.Create(CultureInfo.InvariantCulture, $"""
        Host {alias}
          HostName 127.0.0.1
          Port {sshd.Port}
          User {sshd.User}
          IdentityFile {sshd.ClientKeyPath}
          IdentitiesOnly yes
          UserKnownHostsFile {sshd.KnownHostsPath}
          StrictHostKeyChecking yes

        """);

    /// <summary>Null when `sshkeep check` takes the file; else one line: this build does not have what the scenario needs.</summary>
    private async Task<string?> RefusedAsync(string config, CancellationToken cancellationToken)
    {
        var check = await ProcessRunner.RunAsync(options.SshkeepPath, ["check", "-c", config], TimeSpan.FromSeconds(30),
                                                 cancellationToken: cancellationToken).ConfigureAwait(false);
        if (check.Succeeded) return null;
        var said = (check.StandardError + check.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                                                                .FirstOrDefault() ?? $"exit status {check.ExitCode}";
        // "/tmp/…/tunnels.yaml:3:18: tunnels.bench.destination: …": the path says nothing to the reader.
        var where = said.IndexOf(": ", StringComparison.Ordinal);
        return $"not supported by this build (sshkeep check: {(where > 0 ? said[(where + 2)..] : said)})";
    }

    private ClientTrialResult Nothing(string why) => new(keeper, scenario, rep, [], TimeSpan.Zero, null, why);

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.00} s") : "never";
}
