using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>
/// The daemon's back-off (design: recovery): exponential with full jitter, so a fleet
/// that lost the same server does not come back in lockstep. Pure: the random draw is a parameter.
/// </summary>
internal static class JitteredBackoff
{
    /// <summary>The ceiling for the n-th consecutive failure (0-based): initial·2ⁿ, capped at max.</summary>
    public static TimeSpan Ceiling(int failures, BackoffSettings settings)
    {
        var seconds = settings.Initial * Math.Pow(2, Math.Min(failures, 62));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.Max));
    }

    /// <summary>The wait before the next start: uniform in [0, ceiling) ("full jitter").</summary>
    /// <param name="unit">A random number in [0, 1).</param>
    public static TimeSpan Delay(int failures, BackoffSettings settings, double unit) => Ceiling(failures, settings) * unit;

    /// <summary>A short jittered retry around <paramref name="period"/> (±25 %), for a held remote port.</summary>
    public static TimeSpan AroundPeriod(double periodSeconds, double unit) =>
        TimeSpan.FromSeconds(periodSeconds * (0.75 + unit * 0.5));

    /// <summary>
    /// Never two starts of the same tunnel closer than <paramref name="minimumGap"/> unless it was
    /// healthy (a crash loop must not become a busy loop); returns the wait, raised if needed.
    /// </summary>
    public static TimeSpan AtLeastGap(TimeSpan delay, TimeSpan sinceLastStart, TimeSpan minimumGap, bool wasHealthy)
    {
        if (wasHealthy) return delay;
        var gap = minimumGap - sinceLastStart;
        return gap > delay ? gap : delay;
    }
}
