using System.Globalization;
using System.Text;

namespace SshKeep.Bench.Soak;

/// <summary>The Markdown report: the set-up, the goals, per fault kind, the footprint samples, and
/// every miss with the daemon's last lines about the tunnel.</summary>
internal static class SoakReport
{
    public static string Render(SoakResult result)
    {
        var options = result.Options;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"## bench/soak, {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(result.Complete ? "" : " (did not finish: partial)")}");
        text.AppendLine();
        Line($"Command: `{options.CommandLine}` — seed {options.Seed} (`--seed {options.Seed}` repeats the plan) — {result.Machine}");
        text.AppendLine();
        Line($"One `sshkeep up` holding 5 tunnels (local-1..3 `-L`, remote-1..2 `-R`, each to an echo server) to a throwaway sshd on 127.0.0.1; defaults except `server_alive_interval: {SoakConfig.ServerAliveInterval}, server_alive_count_max: {SoakConfig.ServerAliveCountMax}`.");
        Line($"Back-off: {(options.BackoffMax is { } max ? $"`backoff: {{ max: {max} }}` (capped)" : "the daemon's default (0.5 s doubling to 30 s, reset after 30 s up)")}.");
        Line($"Faults: kill, blackhole {options.Outages.BlackHole}, freeze {options.Outages.Freeze}, sshd-restart (down {options.Outages.SshdDown}), remote-port (held {options.Outages.PortHeld}), reload; two at once in {options.PairChance:P0} of rounds; gaps {options.Gap.TotalSeconds * 0.5:0.##}–{options.Gap.TotalSeconds * 1.5:0.##} s.");
        Line($"Ran {Minutes(result.Duration)}. Log: `{result.LogPath}`.");
        text.AppendLine();

        text.AppendLine("| goal | measured | met |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var check in SoakGoals.Judge(result))
            Line($"| {check.Goal} | {check.Measured} | {(check.Met ? "yes" : "**NO**")} |");
        text.AppendLine();

        text.AppendLine("Per fault kind (a round of two counts under both). *back*: heal → every tunnel carried bytes again, per round: median / worst.");
        text.AppendLine();
        text.AppendLine("| fault | applied | rounds | back, median / worst | misses | restarts in those rounds |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var kind in FaultKinds.All)
        {
            var rounds = result.Rounds.Where(r => r.Faults.Any(f => f.Fault.Kind == kind)).ToList();
            if (rounds.Count == 0) continue;
            var applied = rounds.Sum(r => r.Faults.Count(f => f.Fault.Kind == kind && f.Applied));
            var slowest = rounds.Select(r => r.Slowest).ToList();
            var finished = slowest.OfType<TimeSpan>().Order().ToList();
            var misses = rounds.Sum(r => r.Back.Count(b => !b.Within(options.BackWithin)));
            var back = finished.Count == 0 ? "—" : $"{Seconds(finished[finished.Count / 2])} / {(finished.Count < slowest.Count ? "never" : Seconds(finished[^1]))}";
            Line($"| {kind.Id()} | {applied} | {rounds.Count} | {back} | {misses} | {rounds.Sum(r => r.Restarts)} |");
        }
        text.AppendLine();

        text.AppendLine("The daemon's footprint (fewest fds and lowest RSS of 10 readings, 300 ms apart, with every tunnel back; *code*: descriptors of assemblies and libraries the runtime maps when first used):");
        text.AppendLine();
        text.AppendLine("| when | faults | tunnels | fds: other + code | fds vs start, by kind | RSS |");
        text.AppendLine("| --- | ---: | ---: | ---: | --- | ---: |");
        foreach (var sample in result.Footprint)
        {
            var changes = DaemonFootprint.KindChanges(result.Footprint[0], sample);
            Line($"| {sample.Label} | {sample.AfterFaults} | {sample.Tunnels} | {sample.OtherFds} + {sample.CodeFds} | {(changes.Length == 0 ? "—" : changes)} | {sample.RssMb:0.0} MB |");
        }
        if (SoakGoals.RssTrend(result) is { } trend)
        {
            text.AppendLine();
            Line($"RSS trend over the samples after faults: {trend:+0.0;-0.0} MB per 100 faults (least squares).");
        }
        text.AppendLine();
        Line($"Restarts: {result.Restarts} counted over the run ({result.RestartsInStatusAtEnd} in `status` at the end); daemon exit status after SIGTERM: {(result.DaemonExit is { } exit ? exit.ToString(CultureInfo.InvariantCulture) : "—")}.");

        var notBack = result.NotBack;
        if (notBack.Count > 0)
        {
            text.AppendLine();
            Line($"### Tunnels not back within {Seconds(options.BackWithin)} of the heal");
            foreach (var (round, tunnel) in notBack)
            {
                text.AppendLine();
                var when = round is null ? "the end (file put back to five default tunnels)" : $"{round.Numbers} ({round.Describe()}, healed at {Seconds(round.HealedAt)})";
                var backoff = tunnel.LongestBackoff is { } wait ? $"; the daemon announced a back-off of {Seconds(wait)}" : "";
                Line($"- {when}: **{tunnel.Tunnel}** {(tunnel.After is { } a ? $"back after {Seconds(a)}" : $"not back within {Seconds(options.RecoveryLimit)}")}{backoff}; status: {tunnel.Status}");
                if (tunnel.DaemonLines is { Count: > 0 } lines)
                {
                    text.AppendLine("  ```");
                    foreach (var line in lines) text.Append("  ").AppendLine(line);
                    text.AppendLine("  ```");
                }
            }
        }
        if (result.Strays.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### ssh not owned by a live tunnel");
            text.AppendLine();
            foreach (var stray in result.Strays) Line($"- {stray.Describe()}");
        }
        var notes = result.Rounds.SelectMany(r => r.Faults.Where(f => f.Note is not null).Select(f => (r, f))).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Faults that did not go to plan");
            text.AppendLine();
            foreach (var (round, fault) in notes) Line($"- {round.Numbers}: {fault.Describe()}");
        }
        return text.ToString();
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.00} s");

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s");
}
