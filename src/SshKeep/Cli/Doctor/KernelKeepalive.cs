using System.Globalization;

namespace SshKeep.Cli.Doctor;

/// <summary>
/// The kernel's TCP keepalive (net.ipv4.tcp_keepalive_time/intvl/probes, in seconds and a count):
/// a connection with SO_KEEPALIVE (ssh sets it: TCPKeepAlive yes) that has been idle for
/// <see cref="Time"/> gets a probe every <see cref="Interval"/>, and is declared dead after
/// <see cref="Probes"/> unanswered ones: <see cref="DeadAfter"/> = time + interval × probes.
/// </summary>
internal sealed record KernelKeepalive(long Time, long Interval, long Probes)
{
    /// <summary>Linux's defaults (the second seed's table: 2 h, 75 s, 9).</summary>
    public static readonly KernelKeepalive LinuxDefaults = new(7200, 75, 9);

    public long DeadAfter => Time + (Interval * Probes);

    /// <summary>The three /proc values, or null when one is missing or not a number.</summary>
    public static KernelKeepalive? Parse(string? time, string? interval, string? probes) =>
        Whole(time) is { } t && Whole(interval) is { } i && Whole(probes) is { } p ? new KernelKeepalive(t, i, p) : null;

    private static long? Whole(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
