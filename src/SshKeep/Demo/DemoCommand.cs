using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>`sshkeep demo` (README.md, `./run.sh demo`): the supervisor (<see cref="DemoKeeper"/>) runs `-M 0` with
/// ServerAlive; fault 2 is the one only ssh's keepalive notices. Exit 0 when the tunnel came back after both faults.</summary>
internal sealed class DemoCommand(DemoKeeper keeper, TimeProvider timeProvider)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the tunnel must carry bytes before the next fault, so each recovery is seen on its own.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    private readonly object _outputLock = new();
    private TextWriter _output = TextWriter.Null;
    private long _origin;
    private DateTimeOffset _originWall;

    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        _output = output;
        _origin = timeProvider.GetTimestamp();
        _originWall = timeProvider.GetLocalNow();
        var work = Directory.CreateTempSubdirectory("sshkeep-demo-").FullName;
        var leftovers = new List<ProcessIdentity>();
        var outcomes = new List<FaultOutcome>();
        try
        {
            await using var sshd = await ThrowawaySshd.CreateAsync(timeProvider: timeProvider, cancellationToken: cancellationToken)
                                                      .ConfigureAwait(false);
            await using var echo = EchoServer.Start();
            var localPort = LoopbackPort.PickFree();
            Say($"sshd on 127.0.0.1:{sshd.Port} (pid {sshd.ListenerPid}), echo server on 127.0.0.1:{echo.Port}");

            var logPath = Path.Combine(work, "sshkeep.log");
            var log = new Timeline<string>(timeProvider);
            await using var follower = new BackgroundLoop(stopping => FollowLogAsync(logPath, log, stopping));
            string[] arguments =
            [
                .. keeper.LeadingArguments,
                "-M", "0",
                "-o", "ServerAliveInterval=1", "-o", "ServerAliveCountMax=2",
                "-o", "ConnectTimeout=5", "-o", "ExitOnForwardFailure=yes",
                "-N", "-L", $"{localPort}:127.0.0.1:{echo.Port}",
                .. sshd.ClientOptions, sshd.Destination,
            ];
            var started = timeProvider.GetTimestamp();
            await using var supervisor = BackgroundProcess.Start(keeper.Program, arguments, KeeperEnvironment(logPath));
            Say($"started {keeper.Name} (pid {supervisor.Pid}): {supervisor.Command}");
            Say($"probing 127.0.0.1:{localPort} every 100 ms");
            var prober = new Timeline<bool>(timeProvider);
            await using var probing = new BackgroundLoop(stopping => ProbeAsync(localPort, prober, stopping));

            var up = await prober.WaitForAsync(started, ok => ok, StepTimeout, cancellationToken).ConfigureAwait(false);
            if (up is null)
            {
                return Failed($"the tunnel never came up within {StepTimeout.TotalSeconds:0} s; {keeper.Name} said:\n{supervisor.StandardError}");
            }
            Say(up.Value.At, $"tunnel up (first good probe after {Seconds(timeProvider.GetElapsedTime(started, up.Value.At))})");

            // Fault 1: the ssh child dies; its logged pid is checked to be the supervisor's child just before the kill.
            await SettleAsync(prober, cancellationToken).ConfigureAwait(false);
            var child = await CurrentSshChildAsync(log, supervisor.Pid, cancellationToken).ConfigureAwait(false);
            if (child is null) return Failed($"{keeper.Name} never logged \"ssh child pid is N\" for a child it still has");
            leftovers.Add(child.Value);
            outcomes.Add(await InjectAsync($"SIGKILL ssh child {child.Value.Pid}", "SIGKILL ssh child", log, prober,
                () => NativeSignals.Send(child.Value, SignalNumbers.SIGKILL), cancellationToken).ConfigureAwait(false));

            // Fault 2: the server freezes with every socket open, which only keepalives catch; resumed afterwards.
            await SettleAsync(prober, cancellationToken).ConfigureAwait(false);
            var frozen = sshd.SessionPids();
            if (frozen.Count == 0) return Failed("found no sshd session to freeze");
            outcomes.Add(await InjectAsync($"SIGSTOP server session (sshd pid {string.Join(", ", frozen)})", "SIGSTOP server session",
                log, prober, () => frozen.All(pid => NativeSignals.Send(pid, SignalNumbers.SIGSTOP)), cancellationToken)
                .ConfigureAwait(false));
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGCONT);
            Say($"resumed the frozen session (SIGCONT {string.Join(", ", frozen)}); it ends on its own now that its client is gone");

            PrintSummary(outcomes);

            if (await CurrentSshChildAsync(log, supervisor.Pid, cancellationToken).ConfigureAwait(false) is { } last) leftovers.Add(last);
            Say($"stopping {keeper.Name} (SIGTERM)");
            var exitCode = await supervisor.StopAsync(TimeSpan.FromSeconds(10), timeProvider).ConfigureAwait(false);
            Say($"{keeper.Name} exited with status {exitCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failed("interrupted; cleaning up");
        }
        finally
        {
            // An ssh that outlived the supervisor is ours to end (we caused it), and reported: a supervisor bug.
            foreach (var survivor in leftovers.Where(ProcessTable.IsAlive))
            {
                Say($"ssh {survivor.Pid} outlived {keeper.Name}; killing it");
                NativeSignals.Send(survivor, SignalNumbers.SIGKILL);
            }
            Directory.Delete(work, recursive: true);
        }
        var success = outcomes.Count == 2 && outcomes.All(o => o.RecoveredAfter is not null);
        Say(success ? "cleaned up (sshd, echo server, supervisor, temp files); both faults recovered"
                    : "cleaned up; at least one fault was not recovered");
        return success ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private async Task<FaultOutcome> InjectAsync(
        string description, string name, Timeline<string> log, Timeline<bool> prober, Func<bool> inject, CancellationToken cancellationToken)
    {
        var at = timeProvider.GetTimestamp();
        if (!inject())
        {
            Say(at, $"could not inject: {description}");
            return new FaultOutcome(name, null, null);
        }
        Say(at, $"fault: {description}");

        var detected = await log.WaitForAsync(at, line => line.StartsWith("ssh exited", StringComparison.Ordinal),
                                                    StepTimeout, cancellationToken).ConfigureAwait(false);
        TimeSpan? detectedAfter = detected is { } d ? timeProvider.GetElapsedTime(at, d.At) : null;
        if (detected is null) Say($"{keeper.Name} logged no \"ssh exited\" line within {StepTimeout.TotalSeconds:0} s");
        else Say(detected.Value.At, $"detected after {Seconds(detectedAfter)}: \"{detected.Value.Item}\"");

        // Only probes started after the detection: one under way when the fault hit says nothing of recovery.
        var from = detected?.At ?? at;
        var back = await prober.WaitForAsync(from, ok => ok, StepTimeout, cancellationToken).ConfigureAwait(false);
        TimeSpan? backAfter = back is { } b ? timeProvider.GetElapsedTime(at, b.At) : null;
        if (back is null) Say($"the tunnel did not come back within {StepTimeout.TotalSeconds:0} s");
        else Say(back.Value.At, $"tunnel back (first good probe {Seconds(backAfter)} after the fault)");
        return new FaultOutcome(name, detectedAfter, backAfter);
    }

    /// <summary>Follows the supervisor's AUTOSSH_LOGFILE as it grows, every 20 ms (so a line's "seen at" is up to
    /// 20 ms late), keeping what follows "]: " in "2026/11/22 08:24:30 autossh[12877]: starting ssh (count 1)".</summary>
    private async Task FollowLogAsync(string path, Timeline<string> lines, CancellationToken stopping)
    {
        long offset = 0;
        var partial = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, stopping).ConfigureAwait(false);
            if (!File.Exists(path)) continue;
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(offset, SeekOrigin.Begin);
            int read;
            while ((read = await stream.ReadAsync(buffer, stopping).ConfigureAwait(false)) > 0)
            {
                offset += read;
                partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
            var seenAt = timeProvider.GetTimestamp();
            var text = partial.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0) continue;
            partial.Clear().Append(text[(end + 1)..]);
            foreach (var line in text[..end].Split('\n'))
            {
                var marker = line.IndexOf("]: ", StringComparison.Ordinal);
                var message = marker >= 0 ? line[(marker + 3)..] : line;
                lines.Add(seenAt, message);
                if (IsWorthShowing(message)) Say(seenAt, $"{keeper.Name}: {message}");
            }
        }
    }

    /// <summary>A fresh token every 100 ms, one probe at a time, 1 s timeout (enough for a loaded machine, short enough
    /// that a frozen tunnel shows quickly); each result is stamped with the time its probe started.</summary>
    private async Task ProbeAsync(int port, Timeline<bool> results, CancellationToken stopping)
    {
        var last = false;
        for (var n = 1; ; n++)
        {
            var token = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"sshkeep-demo-probe-{n}\n"));
            var started = timeProvider.GetTimestamp();
            var ok = await EchoProbe.RoundTripAsync(port, token, TimeSpan.FromSeconds(1), timeProvider, stopping)
                                    .ConfigureAwait(false);
            results.Add(started, ok);
            if (last && !ok) Say(timeProvider.GetTimestamp(), "tunnel down (probe got no answer)");
            last = ok;
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>The latest "ssh child pid is N", if that process is still the supervisor's child.</summary>
    private async Task<ProcessIdentity?> CurrentSshChildAsync(Timeline<string> log, int supervisorPid,
        CancellationToken cancellationToken)
    {
        const string prefix = "ssh child pid is ";
        var started = timeProvider.GetTimestamp();
        while (timeProvider.GetElapsedTime(started) < StepTimeout)
        {
            var latest = log.Snapshot().Select(e => e.Item).LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (latest is not null &&
                int.TryParse(latest.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                ProcessTable.ChildrenOf(supervisorPid).FirstOrDefault(c => c.Pid == pid) is { Pid: > 0 } child)
            {
                return child;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    private async Task SettleAsync(Timeline<bool> prober, CancellationToken cancellationToken)
    {
        await Task.Delay(Settle, timeProvider, cancellationToken).ConfigureAwait(false);
        await prober.WaitForAsync(timeProvider.GetTimestamp(), ok => ok, StepTimeout, cancellationToken).ConfigureAwait(false);
    }

    private void PrintSummary(IReadOnlyList<FaultOutcome> outcomes)
    {
        lock (_outputLock)
        {
            _output.WriteLine();
            _output.WriteLine($"  {"fault",-26} {"detected after",-16} tunnel back after");
            foreach (var outcome in outcomes)
            {
                _output.WriteLine($"  {outcome.Fault,-26} {Seconds(outcome.DetectedAfter),-16} {Seconds(outcome.RecoveredAfter)}");
            }
            _output.WriteLine();
        }
    }

    /// <summary>The user's other AUTOSSH_* variables are removed so they cannot change what is shown or measured;
    /// AUTOSSH_PATH stays unless <paramref name="clearSshPath"/> (the demo may need it, bench/faults not).</summary>
    internal static Dictionary<string, string?> KeeperEnvironment(string logPath, bool clearSshPath = false)
    {
        string[] cleared = ["PORT", "POLL", "FIRST_POLL", "MAXSTART", "MAXLIFETIME", "PIDFILE", "LOGLEVEL", "MESSAGE", "NTSERVICE"];
        var environment = new Dictionary<string, string?>
        {
            ["AUTOSSH_GATETIME"] = "0",
            ["AUTOSSH_LOGFILE"] = logPath,
            ["AUTOSSH_DEBUG"] = "1",
        };
        foreach (var name in cleared) environment["AUTOSSH_" + name] = null;
        if (clearSshPath) environment["AUTOSSH_PATH"] = null;
        return environment;
    }

    /// <summary>The supervisor's lines about ssh starting and ending; its debug chatter stays in the log file.</summary>
    private static bool IsWorthShowing(string line) =>
        new[] { "starting ssh", "ssh child pid is", "ssh exited" }.Any(start => line.StartsWith(start, StringComparison.Ordinal)) ||
        line.Contains("exiting", StringComparison.Ordinal);

    private void Say(string text) => Say(timeProvider.GetTimestamp(), text);

    private int Failed(string text)
    {
        Say(text);
        return ExitCodes.Failure;
    }

    private void Say(long at, string text)
    {
        var wall = _originWall + timeProvider.GetElapsedTime(_origin, at);
        lock (_outputLock) _output.WriteLine($"{wall.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}  {text}");
    }

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.00} s") : "never";

    /// <summary>One injected fault and how the supervisor coped, for the summary table; null: never.</summary>
    private sealed record FaultOutcome(string Fault, TimeSpan? DetectedAfter, TimeSpan? RecoveredAfter);
}
