namespace SshKeep;

/// <summary>The one form of every duration a user reads (docs/conventions.md, rule 15).</summary>
internal static class DurationText
{
    /// <summary>Elapsed time (since, uptime): rounded down, so "1m00s" means a full minute has passed.</summary>
    public static string Elapsed(TimeSpan span) => Format(WholeSeconds(span, roundUp: false));

    /// <summary>Time still to wait (next retry): rounded up, so a pending retry never shows as "0s".</summary>
    public static string Remaining(TimeSpan span) => Format(WholeSeconds(span, roundUp: true));

    public static long WholeSeconds(TimeSpan span, bool roundUp)
    {
        if (span <= TimeSpan.Zero) return 0;
        long seconds = span.Ticks / TimeSpan.TicksPerSecond;
        return roundUp && span.Ticks % TimeSpan.TicksPerSecond != 0 ? seconds + 1 : seconds;
    }

    public static string Format(long seconds)
    {
        if (seconds < 0) seconds = 0;
        var c = CultureInfo.InvariantCulture;
        return seconds switch
        {
            < 60 => string.Create(c, $"{seconds}s"),
            < 3600 => string.Create(c, $"{seconds / 60}m{seconds % 60:00}s"),
            < 86400 => string.Create(c, $"{seconds / 3600}h{seconds % 3600 / 60:00}m"),
            _ => string.Create(c, $"{seconds / 86400}d{seconds % 86400 / 3600:00}h"),
        };
    }
}
