using System.Globalization;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Bench.Clients;

/// <summary>
/// The Markdown report: per scenario a table of the keepers, each cell the median over the
/// repetitions, then every trial's numbers.
/// </summary>
internal static class ClientsReport
{
    private static readonly EchoOutcome[] Failures = [EchoOutcome.Refused, EchoOutcome.Reset, EchoOutcome.Closed, EchoOutcome.Timeout];

    public static string Render(ClientsOptions options, string machine, DateTimeOffset startedAt, IReadOnlyList<ClientTrialResult> results, bool complete)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## bench/clients, {startedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(complete ? "" : " (interrupted: partial)")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.CommandLine}` — {machine}");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture,
            $"A client opens a new connection through the keeper's `-L` every {ClientTrial.Interval.TotalMilliseconds:0} ms, sends a line and waits up to its patience for the echo. ");
        text.Append(CultureInfo.InvariantCulture,
            $"*attempts*: those started from the fault until {ClientTrial.Counted.TotalSeconds:0} s after the heal; *failed*: no echo, by kind ");
        text.Append("(refused: connect refused; reset; closed: the connection ended without the echo; timeout: no echo within the patience). ");
        text.Append("*worst* and *median wait*: attempt start → echo, over the attempts that got one. ");
        text.Append("*back to working*: the heal → the echo of the first attempt started after it. ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Medians over {options.Reps} repetition{(options.Reps == 1 ? "" : "s")}.");
        foreach (var scenario in options.Scenarios)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {scenario.Label}");
            text.AppendLine();
            var keepers = options.Keepers.Where(k => !scenario.DaemonOnly || k == KeeperKind.Daemon).ToList();
            if (keepers.Count == 0)
            {
                text.AppendLine("Only the daemon has this; `--keepers` leaves it out.");
                continue;
            }
            var notes = new List<string>();
            if (scenario.DaemonOnly) notes.Add("Only the daemon has this.");
            text.AppendLine("| keeper | attempts | failed | worst wait | median wait | back to working |");
            text.AppendLine("| --- | ---: | --- | ---: | ---: | ---: |");
            foreach (var keeper in keepers)
            {
                var trials = results.Where(r => r.Keeper == keeper && r.Scenario == scenario).ToList();
                notes.AddRange(trials.Where(t => t.Note is not null).GroupBy(t => t.Note)
                                     .Select(g => $"{keeper.Label()} (rep {string.Join(", ", g.Select(t => t.Rep))}): {g.Key}"));
                var measured = Measured(results, keeper, scenario);
                if (measured.Count == 0)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {keeper.Label()} | — | — | — | — | — |");
                    continue;
                }
                var worst = Medians.Of(measured.Select(t => t.WorstWait));
                var median = Medians.Of(measured.Select(t => t.MedianWait));
                var back = Medians.Of(measured.Select(t => t.BackToWorking));
                var backed = Fraction(measured.Count(t => t.BackToWorking is not null), measured.Count);
                text.Append(CultureInfo.InvariantCulture,
                    $"| {keeper.Label()} | {Medians.Of(measured.Select(t => t.Attempts.Count))} | {FailedCell(measured)} | ");
                text.AppendLine(CultureInfo.InvariantCulture, $"{Seconds(worst)} | {Seconds(median)} | {Seconds(back)}{backed} |");
            }
            if (notes.Count > 0)
            {
                text.AppendLine();
                text.AppendLine(string.Join(' ', notes));
            }
        }

        AppendGoals(text, options, results);
        text.AppendLine();
        text.AppendLine("<details><summary>Every trial</summary>");
        text.AppendLine();
        text.AppendLine("| keeper | scenario | rep | attempts | failed | worst wait | median wait | back to working | note |");
        text.AppendLine("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var note = r.Note?.Replace("|", "\\|", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Keeper.Label()} | {r.Scenario.Id} | {r.Rep} | {r.Attempts.Count} | {FailedCell([r])} | ");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{Seconds(r.WorstWait)} | {Seconds(r.MedianWait)} | {Seconds(r.BackToWorking)} | {note} |");
        }
        text.AppendLine();
        text.AppendLine("</details>");
        return text.ToString();
    }

    /// <summary>
    /// The daemon against the goals for held ports: no attempt fails (every patience here is at least
    /// the outage); the worst wait at most the outage + 0.5 s (0.1 s after a kill with a standby);
    /// back to working no later than autossh. Each judged on the medians in the tables.
    /// </summary>
    private static void AppendGoals(StringBuilder text, ClientsOptions options, IReadOnlyList<ClientTrialResult> results)
    {
        if (!options.Keepers.Contains(KeeperKind.Daemon)) return;
        text.AppendLine();
        text.AppendLine("### Goals for the daemon");
        text.AppendLine();
        text.AppendLine("| scenario | 0 failed | worst wait ≤ outage + 0.5 s (standby: ≤ 0.1 s) | back to working ≤ autossh |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var scenario in options.Scenarios)
        {
            var daemon = Measured(results, KeeperKind.Daemon, scenario);
            if (daemon.Count == 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Id} | — | — | — |");
                continue;
            }
            var failed = Medians.Of(daemon.Select(t => t.Failed));
            var worst = Medians.Of(daemon.Select(t => t.WorstWait));
            var bound = scenario.Kind == ClientFaultKind.StandbyKilled
                ? TimeSpan.FromSeconds(0.1)
                : Medians.Of(daemon.Select(t => (TimeSpan?)t.Outage))!.Value + TimeSpan.FromSeconds(0.5);
            var waitCell = worst is { } w ? $"{Verdict(w <= bound)}: {Seconds(w)} (bound {Seconds(bound)})" : "no: no attempt got its echo";
            var back = Medians.Of(daemon.Select(t => t.BackToWorking));
            var autossh = Medians.Of(Measured(results, KeeperKind.Autossh, scenario).Select(t => t.BackToWorking));
            var backCell = (back, autossh) switch
            {
                ({ } d, { } a) => $"{Verdict(d <= a)}: {Seconds(d)} against {Seconds(a)}",
                _ when scenario.DaemonOnly => "— (autossh has no such case)",
                _ => "—",
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Id} | {Verdict(failed == 0)}: {failed} | {waitCell} | {backCell} |");
        }
    }

    private static List<ClientTrialResult> Measured(IReadOnlyList<ClientTrialResult> results, KeeperKind keeper, ClientScenario scenario) =>
        [.. results.Where(r => r.Keeper == keeper && r.Scenario == scenario && r.Attempts.Count > 0)];

    private static string Verdict(bool met) => met ? "yes" : "no";

    /// <summary>"206 (refused 150, closed 56)": the median of the failures, and of each kind that occurred.</summary>
    private static string FailedCell(IReadOnlyList<ClientTrialResult> trials)
    {
        var failed = Medians.Of(trials.Select(t => t.Failed));
        var kinds = Failures.Where(k => trials.Any(t => t.FailedWith(k) > 0))
                            .Select(k => $"{k.ToString().ToLowerInvariant()} {Medians.Of(trials.Select(t => t.FailedWith(k)))}")
                            .ToList();
        return kinds.Count == 0 ? $"{failed}" : $"{failed} ({string.Join(", ", kinds)})";
    }

    private static string Fraction(int got, int of) => got == of ? "" : $" ({got}/{of})";

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.00} s") : "—";
}
