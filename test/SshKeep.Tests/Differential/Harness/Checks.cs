using System.Globalization;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>Checks one observation against expectations, and two observations against each other.</summary>
public static partial class Checks
{
    public static IEnumerable<string> Against(Expectations e, Observation o, DifferentialCase c)
    {
        var tol = c.ToleranceSeconds;
        foreach (var f in o.ScriptFailures) yield return "script: " + f;

        if (e.Exit is { } exit && o.Exit != exit)
            yield return $"exit status: expected {exit}, got {(o.Exit?.ToString() ?? "none")}";
        if (e.Starts is { } n && o.Starts.Count != n)
            yield return $"ssh starts: expected {n}, got {o.Starts.Count}";
        if (e.MinStarts is { } min && o.Starts.Count < min)
            yield return $"ssh starts: expected at least {min}, got {o.Starts.Count}";
        if (e.Waits is { } waits && !WaitsMatch(waits, o.Waits, tol))
            yield return $"waits before each restart: expected [{Join(waits)}] (0 = at once, < {Immediate:0.0}s; others ±{tol} after the machine's restart latency), got [{JoinMaybe(o.Waits)}]";
        if (e.Argv is { } argv)
        {
            foreach (var s in o.Starts.Where(s => !s.Argv.SequenceEqual(argv)))
                yield return $"argv of run {s.Run}: expected [{string.Join(' ', argv)}], got [{string.Join(' ', s.Argv)}]";
        }
        if (e.Cwd is { } cwd)
        {
            foreach (var s in o.Starts.Where(s => s.Cwd != cwd))
                yield return $"cwd of run {s.Run}: expected {cwd}, got {s.Cwd}";
        }
        if (e.Log is { } log && !o.Events.SequenceEqual(log))
            yield return "log events differ:\n" + Diff(log, o.Events);
        if (e.LogIncludes is { } inc && !IsSubsequence(inc, o.Events))
            yield return "log events lack, in this order:\n" + string.Join('\n', inc.Select(l => "        " + l));
        if (e.LogExcludes is { } exc)
        {
            foreach (var ev in o.Events.Where(ev => exc.Any(x => ev.Contains(x, StringComparison.Ordinal))))
                yield return $"log has an unexpected event: {ev}";
        }
        if (e.LogFileExists is { } lfe && o.LogFileExists != lfe)
            yield return $"log file: expected {(lfe ? "present" : "absent")}, got {(o.LogFileExists ? "present" : "absent")}";
        if (e.Stdout is { } stdout && o.Stdout != stdout)
            yield return $"stdout: expected \"{Escape(stdout)}\", got \"{Escape(o.Stdout)}\"";
        if (e.Stderr is { } rule)
        {
            foreach (var f in CheckStderr(rule, o.Stderr)) yield return f;
        }
        if (e.PidFileHeldPid is { } held && (o.PidFileWhileRunning == "{pid}\n") != held)
            yield return $"pid file while running: expected {(held ? "\"{pid}\\n\"" : "no pid")}, got {Escape(o.PidFileWhileRunning ?? "(not sampled)")}";
        if (e.PidFileAfter is { } after && o.PidFileAfter != after)
            yield return $"pid file after the end: expected {(after ? "left behind" : "removed")}, got {(o.PidFileAfter ? "left behind" : "removed")}";
        if (e.SshAliveAfter is { } alive && o.SshAliveAfter != alive)
            yield return $"ssh after the keeper ended: expected {(alive ? "still running" : "gone")}, got {(o.SshAliveAfter ? "still running" : "gone")}";
        if (e.ExitAfterFirstStart is { } window)
        {
            double? sinceStart = o.ExitAt is { } x && o.Starts.Count > 0 ? Math.Round(x - o.Starts[0].At, 2) : null;
            if (sinceStart is not { } got2 || got2 < window.From || got2 > window.To)
                yield return $"exit time: expected {window.From:0.00}–{window.To:0.00}s after the first ssh start, got {(sinceStart is { } y ? y.ToString("0.00", CultureInfo.InvariantCulture) + "s" : "none")}";
        }
        if (e.ExitAfterLaunch is { } launchWindow)
        {
            if (o.ExitAt is not { } exitAt || exitAt < launchWindow.From || exitAt > launchWindow.To)
                yield return $"exit time: expected {launchWindow.From:0.00}–{launchWindow.To:0.00}s after launch, got {(o.ExitAt is { } y ? y.ToString("0.00", CultureInfo.InvariantCulture) + "s" : "none")}";
        }
        if (e.DaemonGone is { } dg && o.DaemonGone != dg)
            yield return $"daemon: expected {(dg ? "gone" : "running")}, got {(o.DaemonGone == true ? "gone" : o.DaemonGone == false ? "running" : "never seen")}";
        if (e.Extra is { } extra)
        {
            foreach (var f in extra(o)) yield return f;
        }
    }

    /// <summary>R84: every log line is <c>YYYY/MM/DD HH:MM:SS prog[pid]: text</c>, with the program
    /// name of argv[0] and a local time (in the keeper's time zone) inside the run.</summary>
    public static IEnumerable<string> LogShape(Observation o, string program, TimeZoneInfo zone, int skip = 0)
    {
        var launchedLocal = TimeZoneInfo.ConvertTimeFromUtc(o.LaunchedUtc, zone);
        var nowLocal = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone);
        foreach (var line in o.Log.Skip(skip))
        {
            if (!line.WellFormed)
            {
                yield return $"log line not in the R84 format: {line.Raw}";
                continue;
            }
            if (line.Program != program)
                yield return $"log line names program {line.Program}, expected {program}: {line.Raw}";
            if (line.Timestamp is { } ts && (ts < launchedLocal.AddSeconds(-2) || ts > nowLocal.AddSeconds(2)))
                yield return $"log line time {ts:yyyy/MM/dd HH:mm:ss} is outside the run (local time expected): {line.Raw}";
        }
    }

    /// <summary>What must be the same for autossh and sshkeep when the case is not a deliberate difference.</summary>
    public static IEnumerable<string> Between(Observation a, Observation s, DifferentialCase c)
    {
        var tol = c.ToleranceSeconds;
        if (a.Exit != s.Exit)
            yield return $"exit status: autossh {a.Exit?.ToString() ?? "none"}, sshkeep {s.Exit?.ToString() ?? "none"}";
        if (a.KilledAtDeadline != s.KilledAtDeadline)
            yield return $"killed at the deadline: autossh {a.KilledAtDeadline}, sshkeep {s.KilledAtDeadline}";
        if (a.Starts.Count != s.Starts.Count)
            yield return $"ssh starts: autossh {a.Starts.Count}, sshkeep {s.Starts.Count}";
        foreach (var (x, y) in a.Starts.Zip(s.Starts))
        {
            if (!x.Argv.SequenceEqual(y.Argv))
                yield return $"argv of run {x.Run}: autossh [{string.Join(' ', x.Argv)}], sshkeep [{string.Join(' ', y.Argv)}]";
            if (x.Cwd != y.Cwd)
                yield return $"cwd of run {x.Run}: autossh {x.Cwd}, sshkeep {y.Cwd}";
        }
        // Spacing of the starts: the wait from each run's own end to the next start (R63). Two
        // waits under a second are both "at once"; otherwise they must agree within the tolerance
        // (plus slack for sshkeep's heavier process start). Starts that follow a signal from the
        // script are spaced by the script, so they are not compared here.
        if (a.Waits.Count == s.Waits.Count
            && a.Waits.Zip(s.Waits).Any(p => p.First is { } x && p.Second is { } y && Math.Max(x, y) >= Immediate && Math.Abs(x - y) > tol + 0.4))
        {
            yield return $"waits before each restart: autossh [{JoinMaybe(a.Waits)}], sshkeep [{JoinMaybe(s.Waits)}]";
        }
        if (c.CompareLogSequence && !a.Events.SequenceEqual(s.Events))
            yield return "log events differ (- autossh, + sshkeep):\n" + Diff(a.Events, s.Events);
        if (a.LogFileExists != s.LogFileExists)
            yield return $"log file: autossh {(a.LogFileExists ? "present" : "absent")}, sshkeep {(s.LogFileExists ? "present" : "absent")}";
        if (a.Stdout != s.Stdout)
            yield return $"stdout: autossh \"{Escape(a.Stdout)}\", sshkeep \"{Escape(s.Stdout)}\"";
        if ((a.Stderr.Length == 0) != (s.Stderr.Length == 0))
            yield return $"stderr: autossh {(a.Stderr.Length == 0 ? "empty" : "non-empty")}, sshkeep {(s.Stderr.Length == 0 ? "empty: " : "non-empty: " + Escape(Head(s.Stderr)))}";
        if (a.PidFileWhileRunning != s.PidFileWhileRunning)
            yield return $"pid file while running: autossh {Escape(a.PidFileWhileRunning ?? "-")}, sshkeep {Escape(s.PidFileWhileRunning ?? "-")}";
        if (a.PidFileMode != s.PidFileMode)
            yield return $"pid file mode: autossh {a.PidFileMode ?? "-"}, sshkeep {s.PidFileMode ?? "-"}";
        if (a.PidFileAfter != s.PidFileAfter)
            yield return $"pid file after: autossh {(a.PidFileAfter ? "left" : "removed")}, sshkeep {(s.PidFileAfter ? "left" : "removed")}";
        if (a.SshAliveAfter != s.SshAliveAfter)
            yield return $"ssh alive after: autossh {a.SshAliveAfter}, sshkeep {s.SshAliveAfter}";
        // Exit times are compared from each keeper's first ssh start, so that sshkeep's longer
        // start-up (a .NET process) does not count. An exit before the first start (the -f
        // parent returning while its daemon is still starting up) counts as 0: how long before
        // depends only on how quickly the daemon gets going, which on a loaded CI machine can
        // be seconds for a .NET re-exec and is not what the rule is about.
        if (a.ExitAt is { } ea && s.ExitAt is { } es && a.Starts.Count > 0 && s.Starts.Count > 0
            && Math.Abs(Math.Max(0, ea - a.Starts[0].At) - Math.Max(0, es - s.Starts[0].At)) > tol + 0.9)
        {
            yield return $"exit time after the first start: autossh {ea - a.Starts[0].At:0.00}s, sshkeep {es - s.Starts[0].At:0.00}s";
        }
        if (a.DaemonGone != s.DaemonGone)
            yield return $"daemon gone: autossh {a.DaemonGone}, sshkeep {s.DaemonGone}";
    }

    private static IEnumerable<string> CheckStderr(StderrRule rule, string stderr)
    {
        var lines = stderr.Split('\n').ToList();
        if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        switch (rule)
        {
            case StderrRule.Empty when stderr.Length > 0:
                yield return $"stderr: expected nothing, got \"{Escape(Head(stderr))}\"";
                break;
            case StderrRule.Usage u:
                {
                    var usageAt = 0;
                    if (u.Diagnostic is { } diag)
                    {
                        if (lines.Count == 0 || lines[0] != diag)
                            yield return $"stderr: expected the diagnostic \"{diag}\" first, got \"{(lines.Count > 0 ? lines[0] : "")}\"";
                        usageAt = 1;
                    }
                    var first = lines.Count > usageAt ? lines[usageAt] : "";
                    if (!UsageFirstLine().IsMatch(first) || !first.Contains("-M", StringComparison.Ordinal)
                        || !first.Contains("-f", StringComparison.Ordinal) || !first.Contains("-V", StringComparison.Ordinal))
                    {
                        yield return $"stderr: usage should start with \"usage: {{prog}} …\" naming -V, -M and -f; got \"{first}\"";
                    }
                    if (lines.Count - usageAt != StderrRule.UsageLines)
                        yield return $"stderr: usage should have {StderrRule.UsageLines} lines (R4), got {lines.Count - usageAt}";
                    break;
                }
            case StderrRule.OneLineNaming n:
                {
                    var nonEmpty = lines.Where(l => l.Trim().Length > 0).ToList();
                    if (nonEmpty.Count != 1 || !nonEmpty[0].Contains(n.Variable, StringComparison.Ordinal))
                        yield return $"stderr: expected one line naming {n.Variable}, got \"{Escape(stderr)}\"";
                    break;
                }
        }
    }

    public static bool IsSubsequence(IReadOnlyList<string> wanted, IReadOnlyList<string> events)
    {
        var i = 0;
        foreach (var ev in events)
        {
            if (i < wanted.Count && ev == wanted[i]) i++;
        }
        return i == wanted.Count;
    }

    public static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var lines = new List<string>();
        var max = Math.Max(expected.Count, actual.Count);
        for (var i = 0; i < max; i++)
        {
            var x = i < expected.Count ? expected[i] : null;
            var y = i < actual.Count ? actual[i] : null;
            if (x == y) lines.Add("          " + x);
            else
            {
                if (x is not null) lines.Add("        - " + x);
                if (y is not null) lines.Add("        + " + y);
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>A restart "at once" (no back-off wait, R63 tries ≤ 5) takes less than this, even on a loaded machine.</summary>
    private const double Immediate = 1.0;

    /// <summary>
    /// Expected 0 means "at once": under <see cref="Immediate"/>. Other waits must match within
    /// the tolerance once the run's own restart latency (the median of its immediate restarts:
    /// reaping, fork, exec of the fake) is taken off, so a loaded machine does not fail the case.
    /// </summary>
    private static bool WaitsMatch(IReadOnlyList<double> expected, IReadOnlyList<double?> got, double tol)
    {
        if (got.Count != expected.Count || got.Any(w => w is null)) return false;
        var immediate = expected.Zip(got).Where(p => p.First == 0).Select(p => p.Second!.Value).Order().ToList();
        var latency = immediate.Count > 0 ? immediate[immediate.Count / 2] : 0;
        return expected.Zip(got).All(p => p.First == 0
            ? p.Second!.Value < Immediate
            : Math.Abs(p.Second!.Value - latency - p.First) <= tol);
    }

    private static string JoinMaybe(IEnumerable<double?> values) =>
        string.Join(", ", values.Select(v => v?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"));

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

    private static string Escape(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Head(string s) => s.Length > 200 ? s[..200] + "…" : s;

    [GeneratedRegex(@"^usage: \{prog\} ")]
    private static partial Regex UsageFirstLine();
}
