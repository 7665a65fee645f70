using System.Globalization;

namespace SshKeep.Supervision;

/// <summary>Short human durations for logs and status: 850ms, 4s, 3m12s, 2h05m, 3d04h.</summary>
public static class Durations
{
    public static string Short(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        var c = CultureInfo.InvariantCulture;
        if (span < TimeSpan.FromSeconds(1)) return string.Create(c, $"{(int)span.TotalMilliseconds}ms");
        if (span < TimeSpan.FromSeconds(10)) return string.Create(c, $"{span.TotalSeconds:0.#}s");
        if (span < TimeSpan.FromMinutes(1)) return string.Create(c, $"{(int)span.TotalSeconds}s");
        if (span < TimeSpan.FromHours(1)) return string.Create(c, $"{(int)span.TotalMinutes}m{span.Seconds:00}s");
        if (span < TimeSpan.FromDays(1)) return string.Create(c, $"{(int)span.TotalHours}h{span.Minutes:00}m");
        return string.Create(c, $"{(int)span.TotalDays}d{span.Hours:00}h");
    }
}
