using System.Globalization;
using System.Text;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>One ssh start as the fake ssh recorded it.</summary>
/// <param name="Run">1-based run number (the keeper's start count, R60).</param>
/// <param name="At">Seconds after the keeper was launched.</param>
/// <param name="Argv">ssh's arguments after element 0, normalised (placeholders such as {P}, {dir}).</param>
/// <param name="Cwd">ssh's working directory, normalised.</param>
/// <param name="Environment">ssh's environment, when the case asked the fake to record it (SSHKEEP_DIFF_ENV).</param>
/// <param name="EndedAt">When the run ended by itself (exit or self-kill), seconds after launch; null if it was killed.</param>
public sealed record SshStart(int Run, double At, int Pid, IReadOnlyList<string> Argv, string Cwd, IReadOnlyDictionary<string, string> Environment, double? EndedAt);

/// <summary>One line of <c>AUTOSSH_LOGFILE</c> (R84: <c>YYYY/MM/DD HH:MM:SS prog[pid]: text</c>).</summary>
/// <param name="Event">The text with pids, ports, paths and the program name replaced by placeholders.</param>
public sealed record LogLine(string Raw, bool WellFormed, DateTime? Timestamp, string? Program, int? Pid, string Event);

/// <summary>Everything the harness saw of one keeper run.</summary>
public sealed class Observation
{
    public required string Keeper { get; init; }

    public required int KeeperPid { get; init; }

    /// <summary>Last part of argv[0]: the name the keeper must log under (R70, R84).</summary>
    public required string Program { get; init; }

    /// <summary>Wall-clock time of the launch (log timestamps are local time, R84).</summary>
    public required DateTime LaunchedUtc { get; init; }

    /// <summary>The keeper's own exit (the foreground process with -f); null if it never exited.</summary>
    public ExitStatus? Exit { get; set; }

    /// <summary>Seconds after launch at which the exit was seen.</summary>
    public double? ExitAt { get; set; }

    /// <summary>The keeper was still running at the case's deadline and had to be killed.</summary>
    public bool KilledAtDeadline { get; set; }

    /// <summary>With -f: the daemon's pid (from the pid file) and whether it ended by the deadline.</summary>
    public int? DaemonPid { get; set; }

    public bool? DaemonGone { get; set; }

    public List<SshStart> Starts { get; } = [];

    public bool LogFileExists { get; set; }

    public List<LogLine> Log { get; } = [];

    public IReadOnlyList<string> Events => [.. Log.Select(l => l.Event)];

    public string RawStdout { get; set; } = "";

    public string RawStderr { get; set; } = "";

    public string Stdout { get; set; } = "";

    public string Stderr { get; set; } = "";

    /// <summary>Pid-file content sampled while running, normalised: "{pid}\n" means the keeper's own pid
    /// (the daemon's with -f), or null if no sample was taken / the file was absent ("(absent)").</summary>
    public string? PidFileWhileRunning { get; set; }

    /// <summary>Permission bits of the pid file when sampled, e.g. "644" (R83: fopen "w", 0666 &amp; ~umask).</summary>
    public string? PidFileMode { get; set; }

    public bool PidFileAfter { get; set; }

    /// <summary>Some ssh the keeper started was still alive (not a zombie) after the keeper ended.</summary>
    public bool SshAliveAfter { get; set; }

    /// <summary>The random monitor port found in the forwards (wrapper cases), if any.</summary>
    public int? RandomPort { get; set; }

    /// <summary>Signals the script sent: seconds after launch, signal, and to whom.</summary>
    public List<(double At, int Signal, SignalTarget Target)> SignalsSent { get; } = [];

    /// <summary>Things the script noticed: timeouts, early exits, signals sent (with times).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Failures of the script itself (a wait that timed out).</summary>
    public List<string> ScriptFailures { get; } = [];

    /// <summary>How long the keeper waited between the end of each run and the next start (R63's
    /// back-off wait plus the start itself); null where a run did not end by itself.</summary>
    public IReadOnlyList<double?> Waits => [.. Starts.Zip(Starts.Skip(1), (a, b) => a.EndedAt is { } end ? Math.Round(b.At - end, 2) : (double?)null)];

    public string Describe()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var exitAt = ExitAt is { } at ? " at " + at.ToString("0.00", inv) + "s" : "";
        var killed = KilledAtDeadline ? " (killed at the deadline)" : "";
        var daemon = DaemonPid is { } d ? $"; daemon {d} {(DaemonGone == true ? "gone" : "still running")}" : "";
        sb.AppendLine(inv, $"  [{Keeper}] pid {KeeperPid}: {Exit?.ToString() ?? "no exit"}{exitAt}{killed}{daemon}");
        var times = Starts.Count > 0 ? " at " + string.Join(", ", Starts.Select(s => s.At.ToString("0.00", inv))) : "";
        sb.AppendLine(inv, $"    starts: {Starts.Count}{times}");
        if (Waits.Any(w => w is not null))
            sb.AppendLine(inv, $"    waits after each run: {string.Join(", ", Waits.Select(w => w?.ToString("0.00", inv) ?? "-"))}");
        foreach (var argv in Starts.Select(s => string.Join(' ', s.Argv.Select(Quote))).Distinct())
            sb.AppendLine(inv, $"    argv: {argv}");
        if (Starts.Count > 0) sb.AppendLine(inv, $"    cwd: {Starts[0].Cwd}");
        sb.AppendLine(inv, $"    pid file: while running {PidFileWhileRunning?.TrimEnd() ?? "(not sampled)"}{(PidFileMode is null ? "" : " mode " + PidFileMode)}; after: {(PidFileAfter ? "present" : "removed/absent")}; ssh alive after: {SshAliveAfter}");
        sb.AppendLine(inv, $"    log file: {(LogFileExists ? $"{Log.Count} lines" : "absent")}");
        foreach (var line in Log) sb.AppendLine(inv, $"      {line.Event}{(line.WellFormed ? "" : "   <-- malformed: " + line.Raw)}");
        if (Stdout.Length > 0) sb.AppendLine(inv, $"    stdout: {Stdout.Replace("\n", "⏎", StringComparison.Ordinal)}");
        if (Stderr.Length > 0)
        {
            var lines = Stderr.Split('\n');
            sb.AppendLine(inv, $"    stderr ({lines.Length - (Stderr.EndsWith('\n') ? 1 : 0)} lines): {string.Join("⏎", lines.Take(3))}{(lines.Length > 3 ? "⏎…" : "")}");
        }
        foreach (var note in Notes) sb.AppendLine(inv, $"    note: {note}");
        foreach (var f in ScriptFailures) sb.AppendLine(inv, $"    SCRIPT: {f}");
        return sb.ToString();
    }

    private static string Quote(string s) => s.Length == 0 || s.Any(char.IsWhiteSpace) ? $"'{s}'" : s;
}
