using System.Globalization;
using System.Text;

namespace SshKeep.Bench.Faults;

/// <summary>
/// The Markdown report: per scenario and measure, each keeper's median over the repetitions, with
/// the ratio to autossh's median, then every trial's raw numbers.
/// </summary>
internal static class ResultReport
{
    private static readonly (string Name, Func<TrialResult, TimeSpan?> Value)[] Measures =
    [
        ("detect", r => r.Detected),
        ("heal → good", r => r.HealToGood),
        ("outage", r => r.Outage),
    ];

    public static string Render(BenchOptions options, string machine, DateTimeOffset startedAt, IReadOnlyList<TrialResult> results, bool complete)
    {
        var text = new StringBuilder();
        var keepers = options.Keepers;
        text.AppendLine(CultureInfo.InvariantCulture, $"## bench/faults, {startedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(complete ? "" : " (interrupted: partial)")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.CommandLine}` — {machine}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Medians over {options.Reps} repetition{(options.Reps == 1 ? "" : "s")}; `(×r)` is the median divided by autossh's (below 1 = faster), `k/n` when only k of n trials got there.");
        text.AppendLine("detect: fault → the keeper reaped the ssh that carried the tunnel (/proc, 10 ms polls). heal → good: the heal → the first probe started after it that got its token back. outage: fault → that probe.");
        text.AppendLine();
        text.Append("| scenario | measure |");
        foreach (var keeper in keepers) text.Append(CultureInfo.InvariantCulture, $" {keeper.Label()} |");
        text.AppendLine();
        text.Append("| --- | --- |");
        foreach (var _ in keepers) text.Append(" ---: |");
        text.AppendLine();

        foreach (var scenario in options.Scenarios)
        {
            var first = true;
            foreach (var (name, value) in Measures)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {(first ? scenario.Label : "")} | {name} |");
                first = false;
                var baseline = Medians.Of(results.Where(r => r.Keeper == KeeperKind.Autossh && r.Scenario == scenario).Select(value));
                foreach (var keeper in keepers)
                {
                    var trials = results.Where(r => r.Keeper == keeper && r.Scenario == scenario).ToList();
                    text.Append(' ').Append(Cell(trials.Select(value).ToList(), keeper == KeeperKind.Autossh ? null : baseline)).Append(" |");
                }
                text.AppendLine();
            }
        }

        text.AppendLine();
        text.AppendLine("<details><summary>Every trial</summary>");
        text.AppendLine();
        text.AppendLine("| keeper | scenario | rep | detect | new ssh | heal → good | outage | note |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Keeper.Label()} | {r.Scenario.Id} | {r.Rep} | {Seconds(r.Detected)} | {Seconds(r.Restarted)} | {Seconds(r.HealToGood)} | {Seconds(r.Outage)} | {r.Note?.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        text.AppendLine();
        text.AppendLine("</details>");
        return text.ToString();
    }

    private static string Cell(IReadOnlyList<TimeSpan?> values, TimeSpan? baseline)
    {
        if (values.Count == 0) return "—";
        var present = values.OfType<TimeSpan>().ToList();
        if (present.Count == 0) return $"never (0/{values.Count})";
        var median = Medians.Of(values)!.Value;
        var cell = new StringBuilder(Seconds(median));
        var extras = new List<string>();
        if (baseline is { } b && b > TimeSpan.Zero) extras.Add(string.Create(CultureInfo.InvariantCulture, $"×{median / b:0.00}"));
        if (present.Count < values.Count) extras.Add($"{present.Count}/{values.Count}");
        if (extras.Count > 0) cell.Append(" (").Append(string.Join(", ", extras)).Append(')');
        return cell.ToString();
    }

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.00} s") : "—";
}
