using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>What every run shares: where runs live, the fake ssh script, the port pool.</summary>
public sealed record RunEnvironment(string BaseDirectory, string Recorder, PortPool Ports, bool KeepDirectories);

/// <summary>
/// One keeper running one case: prepares a private directory with a fake ssh launcher, starts
/// the keeper with the case's argv and environment, plays the case's script, and records an
/// <see cref="Observation"/>. Everything it starts is killed (by pid) in the end.
/// </summary>
public sealed partial class KeeperRun
{
    private const double StepDeadlineSeconds = 20;

    private readonly Keeper _keeper;
    private readonly DifferentialCase _case;
    private readonly RunEnvironment _env;
    private readonly string _dir;
    private readonly string _marker;
    private readonly string _id;
    private readonly Normalizer _norm = new();
    private int? _port;
    private string? _pidFile;
    private string? _logFile;
    private Process? _process;
    private double _t0;
    private double? _exitUptime;
    private Observation _obs = null!;

    private KeeperRun(Keeper keeper, DifferentialCase c, RunEnvironment env)
    {
        _keeper = keeper;
        _case = c;
        _env = env;
        _id = Guid.NewGuid().ToString("N")[..10];
        _dir = Path.Combine(env.BaseDirectory, $"{Slug(c.Name)}-{keeper.Name}-{_id}");
        _marker = "SSHKEEP_DIFF_RUN=" + _dir;
    }

    public static async Task<Observation> RunAsync(Keeper keeper, DifferentialCase c, RunEnvironment env, CancellationToken ct)
    {
        var run = new KeeperRun(keeper, c, env);
        return await run.ExecuteAsync(ct).ConfigureAwait(false);
    }

    private async Task<Observation> ExecuteAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_dir);
        Socket? occupier = null;
        try
        {
            if (_case.NeedsPort) _port = _env.Ports.Lease();
            if (_case.OccupyPortPlusOne)
            {
                occupier = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                occupier.Bind(new IPEndPoint(IPAddress.Loopback, _port!.Value + 1));
                occupier.Listen(1);
            }

            var exe = _keeper.ExecutablePath(_case, _dir);
            var fake = Path.Combine(_dir, "fakessh");
            var args = _case.Args.Select(Substitute).ToList();
            var environment = BuildEnvironment(fake);

            _pidFile = ResolveFile(environment.GetValueOrDefault("AUTOSSH_PIDFILE"), _case.Detaches);
            _logFile = ResolveFile(environment.GetValueOrDefault("AUTOSSH_LOGFILE"), detached: false);
            if (_case.PreexistingLog is { } pre && _logFile is not null) await File.WriteAllTextAsync(_logFile, pre, ct).ConfigureAwait(false);

            _norm.Text(exe, "{argv0}");
            _norm.Text(_dir, "{dir}");
            _norm.Text(_id, "{id}");
            _norm.Program(Path.GetFileName(exe));
            if (_port is { } p)
            {
                _norm.Number(p, "{P}");
                _norm.Number(p + 1, "{P+1}");
            }

            if (_case.AlignLaunchToSecond) await AlignToSecondAsync(ct).ConfigureAwait(false);

            WriteLauncher(fake);
            // env --default-signal: every signal starts at its default action, whatever the test
            // runner inherited (a background job of a non-interactive shell ignores SIGINT and
            // SIGQUIT, and R22 says such an "ignore" would carry into the keeper and ssh).
            var psi = new ProcessStartInfo("/usr/bin/env") { UseShellExecute = false, WorkingDirectory = _dir };
            psi.ArgumentList.Add("--default-signal");
            if (_case.InheritsIgnoredInterrupt) psi.ArgumentList.Add("--ignore-signal=INT");
            psi.ArgumentList.Add("/bin/sh");
            psi.ArgumentList.Add("-c");
            // A fixed umask makes the pid file mode comparable (R83: 0666 & ~umask).
            psi.ArgumentList.Add("umask 022; exec \"$@\" </dev/null >stdout 2>stderr");
            psi.ArgumentList.Add("sh");
            psi.ArgumentList.Add(exe);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment.Clear();
            foreach (var (k, v) in environment) psi.Environment[k] = v;

            _t0 = Posix.Uptime();
            _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + exe);
            _obs = new Observation
            {
                Keeper = _keeper.Name,
                KeeperPid = _process.Id,
                Program = Path.GetFileName(exe),
                LaunchedUtc = DateTime.UtcNow,
            };
            _norm.Number(_process.Id, _case.Detaches ? "{fg-pid}" : "{pid}");
            var exitWatch = WatchExitAsync(_process);

            await PlayScriptAsync(ct).ConfigureAwait(false);
            await FinishAsync(exitWatch, ct).ConfigureAwait(false);
            await CollectAsync(ct).ConfigureAwait(false);
            return _obs;
        }
        finally
        {
            occupier?.Dispose();
            Cleanup();
            if (_port is { } p) _env.Ports.Release(p);
            if (!_env.KeepDirectories)
            {
                try { Directory.Delete(_dir, recursive: true); }
                catch (IOException) { }
            }
            if (_pidFile is not null && _case.Detaches && !_pidFile.StartsWith(_dir, StringComparison.Ordinal))
            {
                try { File.Delete(_pidFile); }
                catch (IOException) { }
            }
        }
    }

    // ---------------------------------------------------------------- setup

    private string Substitute(string s)
    {
        s = s.Replace("{dir}", _dir, StringComparison.Ordinal)
             .Replace("{fake}", Path.Combine(_dir, "fakessh"), StringComparison.Ordinal)
             .Replace("{id}", _id, StringComparison.Ordinal);
        if (_port is { } p)
        {
            s = s.Replace("{P+1}", (p + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                 .Replace("{P}", p.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        return s;
    }

    private Dictionary<string, string> BuildEnvironment(string fake)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            var key = (string)e.Key;
            if (key.StartsWith("AUTOSSH_", StringComparison.Ordinal) || key == "POSIXLY_CORRECT") continue;
            env[key] = (string?)e.Value ?? "";
        }
        // strerror texts in the log (R86) are compared, so both keepers speak C.
        env["LC_ALL"] = "C";
        env["LANG"] = "C";
        env["SSHKEEP_DIFF_RUN"] = _dir;
        env["AUTOSSH_PATH"] = fake;
        env["AUTOSSH_LOGFILE"] = Path.Combine(_dir, "log");
        env["AUTOSSH_PIDFILE"] = Path.Combine(_dir, "pid");
        foreach (var (k, v) in _case.Env)
        {
            if (v is null) env.Remove(k);
            else env[k] = Substitute(v);
        }
        return env;
    }

    private string? ResolveFile(string? value, bool detached)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Path.IsPathRooted(value)) return value;
        // R81: under -f a relative pid file is opened after the chdir to "/".
        return Path.Combine(detached ? "/" : _dir, value);
    }

    private void WriteLauncher(string fake)
    {
        var plan = _case.Plan.ToString();
        var at = plan.IndexOf(FakeSshPlan.LifetimeEndPlaceholder, StringComparison.Ordinal);
        while (at >= 0)
        {
            // autossh's lifetime clock starts at time() when it reads its environment (R39, R67):
            // the end is the next whole second boundary L seconds on, expressed as uptime centiseconds.
            var close = plan.IndexOf('}', at);
            var seconds = int.Parse(plan.AsSpan(at + FakeSshPlan.LifetimeEndPlaceholder.Length, close - at - FakeSshPlan.LifetimeEndPlaceholder.Length), CultureInfo.InvariantCulture);
            var wall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            var endUptime = Posix.Uptime() + (Math.Floor(wall) + seconds - wall);
            plan = plan[..at] + ((long)Math.Round(endUptime * 100)).ToString(CultureInfo.InvariantCulture) + plan[(close + 1)..];
            at = plan.IndexOf(FakeSshPlan.LifetimeEndPlaceholder, StringComparison.Ordinal);
        }
        File.WriteAllText(fake,
            "#!/bin/sh\n" +
            $"SSHKEEP_DIFF_RUN='{_dir}'; export SSHKEEP_DIFF_RUN\n" +
            $"exec /bin/sh '{_env.Recorder}' '{_dir}' '{plan}' \"$@\"\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static async Task AlignToSecondAsync(CancellationToken ct)
    {
        // Start 50–300 ms into a wall-clock second, so that autossh's whole-second lifetime clock
        // (R67) ends at a known point. This waits for the clock, not for an outcome.
        while (true)
        {
            var ms = DateTimeOffset.UtcNow.Millisecond;
            if (ms is >= 50 and <= 300) return;
            await Task.Delay(ms < 50 ? 50 - ms : 1050 - ms, ct).ConfigureAwait(false);
        }
    }

    // ---------------------------------------------------------------- the script

    /// <summary>
    /// Notes the exit time on a thread of its own: a thread-pool continuation can run a second
    /// late when many runs poll at once on 2 cores, and exit times are compared (R67, R65).
    /// </summary>
    private Task WatchExitAsync(Process process)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            process.WaitForExit();
            _exitUptime = Posix.Uptime();
            done.SetResult();
        })
        { IsBackground = true, Name = "exit of " + process.Id.ToString(CultureInfo.InvariantCulture) };
        thread.Start();
        return done.Task;
    }

    private double Now => Posix.Uptime() - _t0;

    private bool ForegroundEnded => _process!.HasExited;

    private int? DaemonPid
    {
        get
        {
            if (!_case.Detaches) return null;
            if (_obs.DaemonPid is { } known) return known;
            var starts = ReadStarts();
            if (starts.Count > 0) return _obs.DaemonPid = starts[0].ParentPid;
            if (_pidFile is not null && ForegroundEnded && TryReadPidFile() is { } text
                && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return _obs.DaemonPid = pid;
            }
            return null;
        }
    }

    private int? KeeperPid => _case.Detaches ? DaemonPid : _process!.Id;

    private bool KeeperEnded => _case.Detaches
        ? ForegroundEnded && (DaemonPid is { } d ? !Posix.IsAlive(d) : NothingOfOursRuns())
        : ForegroundEnded;

    private double _lastScan = double.NegativeInfinity;
    private bool _lastScanEmpty;

    /// <summary>
    /// With -f and no daemon seen yet (no ssh start, no pid file): has the keeper left anything
    /// running? Scanning /proc is not cheap, so at most twice a second.
    /// </summary>
    private bool NothingOfOursRuns()
    {
        if (Now - _lastScan < 0.5) return _lastScanEmpty;
        _lastScan = Now;
        return _lastScanEmpty = !ProcessesWithMarker().Any();
    }

    private async Task<bool> WaitForAsync(string what, Func<bool> condition, CancellationToken ct, bool failOnTimeout = true, double deadline = StepDeadlineSeconds)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (condition()) return true;
            if (KeeperEnded && !condition())
            {
                _obs.Notes.Add($"{Now:0.00}s: the keeper ended before: {what}");
                return false;
            }
            if (sw.Elapsed.TotalSeconds > deadline)
            {
                if (failOnTimeout) _obs.ScriptFailures.Add($"timed out after {deadline:0}s waiting for: {what}");
                return false;
            }
            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }

    private async Task ObserveAsync(double seconds, CancellationToken ct)
    {
        var until = Now + seconds;
        while (Now < until && !KeeperEnded) await Task.Delay(20, ct).ConfigureAwait(false);
    }

    private int CountLog(string text) => ReadLogRaw().Count(l => l.Contains(text, StringComparison.Ordinal));

    private async Task PlayScriptAsync(CancellationToken ct)
    {
        foreach (var step in _case.Script)
        {
            var ok = step switch
            {
                Step.AwaitStarts s => await WaitForAsync($"{s.Count} ssh start(s)", () => ReadStarts().Count >= s.Count, ct).ConfigureAwait(false),
                Step.AwaitLog s => await WaitForAsync($"log line \"{s.Text}\" ×{s.Count}", () => CountLog(s.Text) >= s.Count, ct).ConfigureAwait(false),
                Step.AwaitWatching s => await AwaitWatchingAsync(s.Run, ct).ConfigureAwait(false),
                Step.AwaitBackoff s => await AwaitBackoffAsync(s.RestartsLogged, ct).ConfigureAwait(false),
                Step.Send s => Send(s),
                Step.SamplePidFile => SamplePidFile(),
                Step.Observe s => await Observed(ObserveAsync(s.Seconds, ct)).ConfigureAwait(false),
                Step.ObserveUntil s => await Observed(ObserveAsync(s.SecondsAfterLaunch - Now, ct)).ConfigureAwait(false),
                Step.AwaitForegroundExit => await WaitForAsync("the foreground process to exit", () => ForegroundEnded, ct).ConfigureAwait(false)
                    || ForegroundEnded,
                Step.AwaitDaemonGone => await WaitForAsync("the daemon to end", () => DaemonPid is { } d && !Posix.IsAlive(d), ct).ConfigureAwait(false),
                _ => throw new InvalidOperationException("unknown step " + step),
            };
            if (!ok)
            {
                _obs.Notes.Add($"script stopped at {step}");
                return;
            }
        }

        static async Task<bool> Observed(Task t)
        {
            await t.ConfigureAwait(false);
            return true;
        }
    }

    private async Task<bool> AwaitWatchingAsync(int run, CancellationToken ct)
    {
        if (!await WaitForAsync($"run {run} started, its pid logged and its traps set",
                () => ReadStarts().Count >= run && CountLog("ssh child pid is") >= run && File.Exists(Path.Combine(_dir, $"ready.{run}")), ct).ConfigureAwait(false))
        {
            return false;
        }
        // autossh installs its handlers right after logging the child's pid (R60 step 8); a keeper
        // that never catches SIGUSR1 would make us wait here in vain, so this wait is soft.
        await WaitForAsync("the keeper to catch SIGUSR1", () => KeeperPid is { } k && Posix.Catches(k, Sig.Usr1), ct, failOnTimeout: false, deadline: 2).ConfigureAwait(false);
        return !KeeperEnded;
    }

    private async Task<bool> AwaitBackoffAsync(int restarts, CancellationToken ct)
    {
        if (!await WaitForAsync($"\"restarting ssh\" ×{restarts}", () => CountLog("restarting ssh") >= restarts, ct).ConfigureAwait(false))
            return false;
        if (_keeper.HandlesSignalsOnlyWhileWatching)
        {
            // R74: between runs autossh has put HUP/USR1/… back to their default action.
            return await WaitForAsync("autossh to leave its watch (SIGHUP handler removed)",
                () => KeeperPid is { } k && !Posix.Catches(k, Sig.Hup), ct).ConfigureAwait(false);
        }
        // A keeper that always handles its signals gives no such sign; the back-off wait that
        // follows lasts 8 s in the cases that use this step (R63), so a signal sent 0.3 s in lands inside it.
        await ObserveAsync(0.3, ct).ConfigureAwait(false);
        return !KeeperEnded;
    }

    private bool Send(Step.Send s)
    {
        if (KeeperEnded)
        {
            _obs.Notes.Add($"{Now:0.00}s: not sending {Sig.Name(s.Signal)}: the keeper had ended");
            return true;
        }
        int? pid;
        if (s.Target == SignalTarget.Keeper)
        {
            pid = KeeperPid;
        }
        else
        {
            // The marker proves the pid is still our fake ssh (not a recycled pid); /proc can
            // briefly refuse the read while the fake execs, so look again for up to 2 s.
            var start = ReadStarts().FirstOrDefault(r => r.Run == s.Run);
            pid = null;
            for (var tries = 0; start is not null && pid is null && tries < 100; tries++)
            {
                if (Posix.HasEnvironmentEntry(start.Pid, _marker)) pid = start.Pid;
                else Thread.Sleep(20);
            }
        }
        if (pid is null)
        {
            _obs.Notes.Add($"{Now:0.00}s: no live {s.Target} to send {Sig.Name(s.Signal)} to");
            return true;
        }
        Posix.Kill(pid.Value, s.Signal);
        _obs.SignalsSent.Add((Math.Round(Now, 2), s.Signal, s.Target));
        _obs.Notes.Add($"{Now:0.00}s: sent {Sig.Name(s.Signal)} to {(s.Target == SignalTarget.Keeper ? "the keeper" : $"ssh run {s.Run}")}");
        return true;
    }

    private bool SamplePidFile()
    {
        _ = DaemonPid; // with -f, learn the daemon's pid so the sample normalises to {pid}
        if (_obs.DaemonPid is { } d) _norm.Number(d, "{pid}");
        var text = TryReadPidFile();
        _obs.PidFileWhileRunning = text is null ? "(absent)" : _norm.Apply(text);
        if (text is not null && _pidFile is not null)
        {
            try { _obs.PidFileMode = Convert.ToString((int)File.GetUnixFileMode(_pidFile) & 0x1ff, 8); }
            catch (IOException) { }
        }
        return true;
    }

    private string? TryReadPidFile()
    {
        try { return _pidFile is null ? null : File.ReadAllText(_pidFile); }
        catch (IOException) { return null; }
    }

    // ---------------------------------------------------------------- the end

    private async Task FinishAsync(Task exitWatch, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(_case.ExitDeadlineSeconds));
        try
        {
            await exitWatch.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _obs.KilledAtDeadline = true;
            Posix.Kill(_process!.Id, Sig.Kill);
            await exitWatch.ConfigureAwait(false);
        }
        _obs.Exit = ExitStatus.FromProcessExitCode(_process!.ExitCode);
        _obs.ExitAt = _obs.KilledAtDeadline ? null : Math.Round(_exitUptime!.Value - _t0, 2);

        if (_case.Detaches && DaemonPid is { } daemon)
        {
            _norm.Number(daemon, "{pid}");
            var gone = await WaitForDaemonAsync(daemon, _case.ExitDeadlineSeconds, ct).ConfigureAwait(false);
            _obs.DaemonGone = gone;
            if (!gone)
            {
                _obs.KilledAtDeadline = true;
                if (Posix.HasEnvironmentEntry(daemon, _marker)) Posix.Kill(daemon, Sig.Kill);
            }
        }
    }

    private static async Task<bool> WaitForDaemonAsync(int pid, double seconds, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (Posix.IsAlive(pid))
        {
            if (sw.Elapsed.TotalSeconds > seconds) return false;
            await Task.Delay(20, ct).ConfigureAwait(false);
        }
        return true;
    }

    private async Task CollectAsync(CancellationToken ct)
    {
        var starts = ReadStarts();
        foreach (var s in starts) _norm.Number(s.Pid, "{ssh-pid}");

        // R71/R83: after the keeper ends, its ssh must be gone too (a short grace for reaping).
        var sw = Stopwatch.StartNew();
        while (starts.Any(s => Posix.IsAlive(s.Pid) && Posix.HasEnvironmentEntry(s.Pid, _marker)) && sw.Elapsed.TotalSeconds < 1)
            await Task.Delay(20, ct).ConfigureAwait(false);
        _obs.SshAliveAfter = starts.Any(s => Posix.IsAlive(s.Pid) && Posix.HasEnvironmentEntry(s.Pid, _marker));
        _obs.PidFileAfter = _pidFile is not null && File.Exists(_pidFile);

        foreach (var s in starts)
        {
            var argv = ReadArgv(s.Run);
            var environ = ReadText(Path.Combine(_dir, $"env.{s.Run}")).Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Split('=', 2)).Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => _norm.Apply(g.First()[1]), StringComparer.Ordinal);
            var end = ReadText(Path.Combine(_dir, $"end.{s.Run}")).Trim();
            double? endedAt = end.Length > 0 ? Math.Round(double.Parse(end, CultureInfo.InvariantCulture) - _t0, 2) : null;
            _obs.Starts.Add(new SshStart(s.Run, Math.Round(s.Uptime - _t0, 2), s.Pid,
                [.. argv.Select(_norm.Apply)], _norm.Apply(ReadText(Path.Combine(_dir, $"cwd.{s.Run}")).TrimEnd('\n')), environ, endedAt));
        }
        if (_case.RandomMonitorPort && starts.Count > 0)
        {
            var raw = ReadArgv(starts[0].Run);
            for (var i = 0; i + 1 < raw.Count; i++)
            {
                var m = ForwardPattern().Match(raw[i + 1]);
                if (raw[i] == "-L" && m.Success && m.Groups[1].Value == m.Groups[2].Value)
                {
                    var port = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    _obs.RandomPort = port;
                    var again = new Normalizer();
                    again.Number(port, "{R}");
                    again.Number(port + 1, "{R+1}");
                    var renamed = _obs.Starts.Select(st => st with { Argv = [.. st.Argv.Select(again.Apply)] }).ToList();
                    _obs.Starts.Clear();
                    _obs.Starts.AddRange(renamed);
                    _norm.Number(port, "{R}");
                    _norm.Number(port + 1, "{R+1}");
                    break;
                }
            }
        }

        _obs.LogFileExists = _logFile is not null && File.Exists(_logFile);
        foreach (var raw in ReadLogRaw()) _obs.Log.Add(ParseLogLine(raw));
        _obs.RawStdout = ReadText(Path.Combine(_dir, "stdout"));
        _obs.RawStderr = ReadText(Path.Combine(_dir, "stderr"));
        _obs.Stdout = _norm.Apply(_obs.RawStdout);
        _obs.Stderr = _norm.Apply(_obs.RawStderr);
    }

    private LogLine ParseLogLine(string raw)
    {
        var m = LogLinePattern().Match(raw);
        if (!m.Success) return new LogLine(raw, false, null, null, null, _norm.Apply(raw));
        var ts = DateTime.ParseExact(m.Groups[1].Value, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
        return new LogLine(raw, true, ts, m.Groups[2].Value, int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), _norm.Apply(m.Groups[4].Value));
    }

    private void Cleanup()
    {
        // Kill only what this run started: the keeper by its pid, then any process that carries
        // this run's marker in its environment (the daemon, fake ssh processes, their sleeps).
        if (_process is { HasExited: false }) Posix.Kill(_process.Id, Sig.Kill);
        foreach (var pid in ProcessesWithMarker()) Posix.Kill(pid, Sig.Kill);
        _process?.Dispose();
    }

    private IEnumerable<int> ProcessesWithMarker()
    {
        var self = Environment.ProcessId;
        foreach (var d in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self) continue;
            if (Posix.IsAlive(pid) && Posix.HasEnvironmentEntry(pid, _marker)) yield return pid;
        }
    }

    // ---------------------------------------------------------------- files

    private sealed record RawStart(double Uptime, int Pid, int Run, int ParentPid);

    private List<RawStart> ReadStarts()
    {
        var list = new List<RawStart>();
        var text = ReadText(Path.Combine(_dir, "starts"));
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ');
            if (f.Length < 4) continue;   // the last line may still be half written
            list.Add(new RawStart(double.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)));
        }
        return list;
    }

    private List<string> ReadArgv(int run)
    {
        var text = ReadText(Path.Combine(_dir, $"argv.{run}"));
        var parts = text.Split('\0').ToList();
        if (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    private List<string> ReadLogRaw()
    {
        if (_logFile is null) return [];
        var text = ReadText(_logFile);
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(lines.Count - 1); // after the last newline: empty, or a half-written line
        return lines;
    }

    private static string ReadText(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(fs);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException) { return ""; }
        catch (DirectoryNotFoundException) { return ""; }
    }

    private static string Slug(string name)
    {
        var s = SlugPattern().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return s.Length > 40 ? s[..40] : s;
    }

    [GeneratedRegex(@"^(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) (\S+)\[(\d+)\]: (.*)$")]
    private static partial Regex LogLinePattern();

    [GeneratedRegex(@"^(\d+):127\.0\.0\.1:(\d+)$")]
    private static partial Regex ForwardPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();
}
