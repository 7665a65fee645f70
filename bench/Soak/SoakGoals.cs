using System.Globalization;

namespace SshKeep.Bench.Soak;

/// <summary>
/// The soak's goals (docs/benchmarks.md), judged from a <see cref="SoakResult"/>: the run completed; every tunnel came
/// back within the goal after every heal; no ssh without a live tunnel; the daemon's descriptors
/// flat from start to end, and its RSS from the samples between faults to the end. The restart
/// count is reported beside the faults, with no goal.
/// </summary>
internal static class SoakGoals
{
    /// <summary>Descriptors (loaded code aside) the end may have above the start: both are taken with
    /// five tunnels up and no fault running, so only a probe socket caught mid-flight in every
    /// reading can differ.</summary>
    public const int FdAllowance = 2;

    /// <summary>RSS growth allowed from the warm baseline (<see cref="WarmRss"/>) to the end, as a
    /// fraction. The start is taken seconds after launch: over the first faults the runtime still
    /// compiles (tiering), loads the code of paths not yet taken and sizes its GC heap, which is
    /// growth but not a leak. A leak grows with the fault count; the samples and the trend show it.</summary>
    public const double RssAllowance = 0.25;

    /// <summary>The RSS baseline: the median of the samples taken between faults (every
    /// <see cref="SoakOptions.SampleInterval"/>), which one sample caught at the top of a GC cycle
    /// cannot move much; the start's when there are none. With the samples it was taken from.</summary>
    public static (long RssKb, string From) WarmRss(SoakResult result)
    {
        var between = result.Footprint.Where(s => s.AfterFaults > 0 && s.Label != "end").Select(s => s.RssKb).Order().ToList();
        if (between.Count == 0) return (result.Footprint[0].RssKb, "the start");
        var median = between.Count % 2 == 1 ? between[between.Count / 2] : (between[(between.Count / 2) - 1] + between[between.Count / 2]) / 2;
        return (median, between.Count == 1 ? "the sample between faults" : $"the median of the {between.Count} samples between faults");
    }

    /// <summary>A miss whose tunnel was told to wait this long or longer is counted as "waiting out a
    /// back-off" in the report: with a 5 s goal, a wait of 3 s plus a reconnect already misses it.</summary>
    public static readonly TimeSpan LongBackoff = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<GoalCheck> Judge(SoakResult result)
    {
        var options = result.Options;
        var checks = new List<GoalCheck>
        {
            new($"{options.Faults} faults applied, then the end checks",
                $"{result.FaultsApplied} applied of {result.FaultsPlanned} planned" +
                (result.StoppedBecause is { } why ? $"; stopped: {why}" : result.Complete ? "" : "; did not finish"),
                result.Complete && result.FaultsPlanned >= options.Faults),
        };

        var notBack = result.NotBack;
        var checkedCount = result.Rounds.Sum(r => r.Back.Count) + result.FinalCheck.Count;
        checks.Add(new GoalCheck(
            $"every tunnel carries bytes within {Seconds(options.BackWithin)} of every heal (goal: 0 misses)",
            $"{notBack.Count} missed of {checkedCount} checks" + (notBack.Count == 0 ? "" :
                $" ({notBack.Count(n => n.Tunnel.LongestBackoff >= LongBackoff)} while waiting out a back-off of {Seconds(LongBackoff)} or more; " +
                $"{notBack.Count(n => n.Tunnel.After is null)} not back within {Seconds(options.RecoveryLimit)})"),
            notBack.Count == 0 && checkedCount > 0));

        checks.Add(new GoalCheck("ssh processes not owned by a live tunnel (goal: 0)",
            result.Strays.Count.ToString(CultureInfo.InvariantCulture), result.Strays.Count == 0));

        var start = result.Footprint.FirstOrDefault(s => s.Label == "start");
        var end = result.Footprint.LastOrDefault(s => s.Label == "end");
        if (start is null || end is null)
        {
            checks.Add(new GoalCheck("daemon's open fds and RSS flat from start to end", "no end sample (the run did not finish)", false));
        }
        else
        {
            checks.Add(new GoalCheck($"daemon's open fds flat, loaded code aside (end ≤ start + {FdAllowance})",
                string.Create(CultureInfo.InvariantCulture,
                    $"{start.OtherFds} → {end.OtherFds} (all fds {start.Fds} → {end.Fds}: {end.CodeFds - start.CodeFds:+0;−0;0} for assemblies loaded on first use)"),
                end.OtherFds <= start.OtherFds + FdAllowance));
            var (warmKb, from) = WarmRss(result);
            checks.Add(new GoalCheck($"daemon's RSS flat once warm (end ≤ the samples between faults + {RssAllowance:P0})",
                string.Create(CultureInfo.InvariantCulture,
                    $"start {start.RssMb:0.0} MB, {from} {warmKb / 1024.0:0.0} MB → end {end.RssMb:0.0} MB ({((double)end.RssKb / warmKb) - 1:+0%;-0%;0%})"),
                end.RssKb <= warmKb * (1 + RssAllowance)));
        }

        checks.Add(new GoalCheck("daemon restarts vs faults applied (no goal)",
            string.Create(CultureInfo.InvariantCulture,
                $"{result.Restarts} restarts / {result.FaultsApplied} faults = {(result.FaultsApplied == 0 ? 0 : (double)result.Restarts / result.FaultsApplied):0.00} per fault"),
            true));
        return checks;
    }

    /// <summary>RSS growth in MB per 100 faults, least squares over the samples from the first one
    /// after faults to the end; null with fewer than three. Near zero: flat; a leak shows as a steady slope.</summary>
    public static double? RssTrend(SoakResult result)
    {
        var points = result.Footprint.Where(s => s.AfterFaults > 0).Select(s => (X: (double)s.AfterFaults, Y: s.RssMb)).ToList();
        if (points.Count < 3) return null;
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? null : 100 * points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }

    public static bool AllMet(SoakResult result) => Judge(result).All(c => c.Met);

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
