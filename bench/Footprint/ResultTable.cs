using System.Globalization;
using System.Text;

namespace SshKeep.Bench.Footprint;

/// <summary>The Markdown that bench/footprint prints and writes (docs/benchmarks.md quotes it).</summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<ScenarioResult> results, string header, string? label, bool details)
    {
        var text = new StringBuilder(header);
        text.AppendLine();
        text.AppendLine("| keeper | tunnels | RSS | PSS | peak RSS | threads | idle CPU (% of one core) | wake-ups/s | up | machine busy |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var keeper = Describe(r.Keeper) + (label is null || r.Keeper == KeeperKind.Autossh ? "" : $", {label}");
            if (r.Measurement is not { } m)
            {
                text.AppendLine(Invariant($"| {keeper} | {r.Tunnels} | — | — | — | — | — | — | failed: {r.Failure} | {r.MachineBusyPercent:0} % |"));
                continue;
            }
            var threadsText = r.Keeper == KeeperKind.Autossh ? Invariant($"{m.Threads} ({m.Processes} processes)") : Invariant($"{m.Threads}");
            text.AppendLine(Invariant(
                $"| {keeper} | {r.Tunnels} | {Mb(m.RssKb)} | {Mb(m.PssKb)} | {Mb(m.PeakRssKb)} | {threadsText} | {m.CpuPercentOfOneCore:0.00} % | {m.WakeupsPerSecond:0.0} | {r.Up}/{r.Tunnels} | {r.MachineBusyPercent:0} % |"));
        }

        if (details)
        {
            foreach (var r in results.Where(r => r.Measurement is not null && r.Keeper != KeeperKind.Autossh))
            {
                text.AppendLine();
                text.AppendLine(Invariant($"Threads of {Describe(r.Keeper)} with {r.Tunnels} tunnels, over {r.Measurement!.Window.TotalSeconds:0} s idle, and its memory by mapping at the end:"));
                text.AppendLine();
                text.AppendLine("| thread name | threads | wake-ups/s | preemptions/s | CPU (% of one core) |");
                text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
                foreach (var g in r.Measurement.ByThreadName)
                    text.AppendLine(Invariant($"| {g.Name} | {g.Threads} | {g.WakeupsPerSecond:0.00} | {g.PreemptionsPerSecond:0.00} | {g.CpuPercentOfOneCore:0.000} % |"));
                text.AppendLine();
                text.AppendLine("| mapping | RSS | PSS | of which anonymous |");
                text.AppendLine("| --- | ---: | ---: | ---: |");
                foreach (var g in r.Measurement.ByMapping.Take(12))
                    text.AppendLine(Invariant($"| {g.Name} | {Mb(g.RssKb)} | {Mb(g.PssKb)} | {Mb(g.AnonymousKb)} |"));
            }
        }
        return text.ToString();
    }

    public static string Describe(KeeperKind keeper) => keeper switch
    {
        KeeperKind.Sshkeep => "sshkeep (probes every 5 s)",
        KeeperKind.SshkeepNoProbes => "sshkeep (probe_interval: 0)",
        _ => "autossh 1.4g, one per tunnel",
    };

    /// <summary>Megabytes (MiB, as ps and top count them) with one decimal.</summary>
    private static string Mb(long kb) => Invariant($"{kb / 1024.0:0.0} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
