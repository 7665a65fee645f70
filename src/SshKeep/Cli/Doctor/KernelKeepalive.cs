namespace SshKeep.Cli.Doctor;

/// <summary>Shown for information only (docs/doctor.md, "What the kernel's keepalive means").</summary>
internal sealed record KernelKeepalive(long Time, long Interval, long Probes)
{
    public const string Subject = "kernel TCP keepalive";

    public static readonly KernelKeepalive LinuxDefaults = new(7200, 75, 9);

    public long DeadAfter => Time + (Interval * Probes);

    /// <summary>The three /proc values, or null when one is missing or not a number.</summary>
    public static KernelKeepalive? Parse(string? time, string? interval, string? probes) =>
        Whole(time) is { } t && Whole(interval) is { } i && Whole(probes) is { } p ? new KernelKeepalive(t, i, p) : null;

    public static DoctorCheck Judge(KernelKeepalive? kernel) => kernel is null
        ? new DoctorCheck(DoctorVerdict.Warn, Subject,
            "cannot read /proc/sys/net/ipv4/tcp_keepalive_time, tcp_keepalive_intvl and tcp_keepalive_probes",
            "without them doctor cannot say when the kernel gives up on an idle connection; sshkeep itself does not need them",
            "run doctor where /proc is mounted, or check with: sysctl net.ipv4.tcp_keepalive_time net.ipv4.tcp_keepalive_intvl net.ipv4.tcp_keepalive_probes")
        : new DoctorCheck(DoctorVerdict.Ok, Subject,
            string.Create(CultureInfo.InvariantCulture,
                $"an idle connection is declared dead after {kernel.Time} s + {kernel.Probes} × {kernel.Interval} s = {DurationText.Format(kernel.DeadAfter)} (tcp_keepalive_time, _probes, _intvl; {(kernel == LinuxDefaults ? "Linux's defaults" : "not Linux's defaults of 7200 s, 75 s and 9")})"),
            "far too slow to notice a dead server, and a firewall may drop an idle connection sooner; sshkeep does not wait for it: ssh's ServerAlive messages (per tunnel below) keep the connection busy and notice a dead server within seconds");

    private static long? Whole(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
