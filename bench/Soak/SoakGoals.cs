using System.Globalization;

namespace SshKeep.Bench.Soak;

/// <summary>
/// Issue 6's goals, judged from a <see cref="SoakResult"/>: the run completed; every tunnel came
/// back within the goal after every heal; no ssh without a live tunnel; the daemon's descriptors and
/// RSS flat from start to end. The restart count is reported beside the faults, with no goal.
/// </summary>
internal static class SoakGoals
{
    /// <summary>Descriptors the end may have above the start: both are taken with five tunnels up and
    /// no fault running, so only a probe socket caught mid-flight in every reading can differ.</summary>
    public const int FdAllowance = 2;

    /// <summary>RSS growth allowed from start to end, as a fraction of the start. The start is
    /// taken seconds after launch: the runtime still compiles (tiering) and the GC still sizes its
    /// heap over the first faults, which is growth, but not a leak. A leak grows with the fault
    /// count; the samples every 50 faults show which it is.</summary>
    public const double RssAllowance = 0.25;

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
            checks.Add(new GoalCheck($"daemon's open fds flat (end ≤ start + {FdAllowance})",
                string.Create(CultureInfo.InvariantCulture, $"{start.Fds} → {end.Fds}"), end.Fds <= start.Fds + FdAllowance));
            checks.Add(new GoalCheck($"daemon's RSS flat (end ≤ start + {RssAllowance:P0})",
                string.Create(CultureInfo.InvariantCulture, $"{start.RssMb:0.0} → {end.RssMb:0.0} MB ({(end.RssMb / start.RssMb) - 1:+0%;-0%})"),
                end.RssKb <= start.RssKb * (1 + RssAllowance)));
        }

        checks.Add(new GoalCheck("daemon restarts vs faults applied (no goal)",
            string.Create(CultureInfo.InvariantCulture,
                $"{result.Restarts} restarts / {result.FaultsApplied} faults = {(result.FaultsApplied == 0 ? 0 : (double)result.Restarts / result.FaultsApplied):0.00} per fault"),
            true));
        return checks;
    }

    public static bool AllMet(SoakResult result) => Judge(result).All(c => c.Met);

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
