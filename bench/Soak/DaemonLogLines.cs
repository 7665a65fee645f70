using System.Globalization;
using System.Text.RegularExpressions;

namespace SshKeep.Bench.Soak;

/// <summary>
/// Reads the daemon's stderr log ("2026-11-22T12:28:16.560Z INFO  remote-1: ssh exited with signal 9
/// after 3.4s; restarting in 1.2s (attempt 5)"): the lines about one tunnel, and the back-off waits
/// it announced, so a miss can be told apart: a tunnel waiting out a long back-off, or one stuck.
/// </summary>
internal static partial class DaemonLogLines
{
    /// <summary>The lines about <paramref name="tunnel"/> logged at or after <paramref name="since"/>, with their time.</summary>
    public static IReadOnlyList<(DateTimeOffset At, string Line)> About(string log, string tunnel, DateTimeOffset since)
    {
        var marker = $" {tunnel}: ";
        var lines = new List<(DateTimeOffset, string)>();
        foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.Contains(marker, StringComparison.Ordinal)) continue;
            var space = line.IndexOf(' ');
            if (space <= 0 || !DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) continue;
            if (at >= since) lines.Add((at, line));
        }
        return lines;
    }

    /// <summary>The longest "restarting in …" among <paramref name="lines"/>; null when none announced a wait.</summary>
    public static TimeSpan? LongestBackoff(IEnumerable<string> lines)
    {
        TimeSpan? longest = null;
        foreach (var line in lines)
        {
            if (RestartingIn().Match(line) is not { Success: true } m) continue;
            var wait = TimeSpan.FromMinutes(m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0) +
                       TimeSpan.FromSeconds(m.Groups["s"].Success ? double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0);
            if (longest is null || wait > longest) longest = wait;
        }
        return longest;
    }

    // DaemonDuration's forms: "1.2s", "27s", "1m3s", "2m" (docs/daemon.md; Logging/DaemonDuration).
    [GeneratedRegex(@"restarting in (?:(?<m>\d+)m)?(?:(?<s>\d+(?:\.\d+)?)s)? \(attempt")]
    private static partial Regex RestartingIn();
}
