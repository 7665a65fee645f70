using System.Globalization;

namespace SshKeep.Cli.Doctor;

/// <summary>
/// What the kernel's TCP keepalive means for an idle connection (the second
/// seed's table). Informational rather than a problem: sshkeep never relies on it, because ssh's
/// ServerAlive messages (checked per tunnel) notice a dead server within seconds.
/// </summary>
internal static class KernelKeepaliveCheck
{
    public const string Subject = "kernel TCP keepalive";

    public static DoctorCheck Judge(KernelKeepalive? kernel)
    {
        if (kernel is null)
        {
            return new DoctorCheck(DoctorVerdict.Warn, Subject,
                "cannot read /proc/sys/net/ipv4/tcp_keepalive_time, tcp_keepalive_intvl and tcp_keepalive_probes",
                "without them doctor cannot say when the kernel gives up on an idle connection; sshkeep itself does not need them",
                "run doctor where /proc is mounted, or check with: sysctl net.ipv4.tcp_keepalive_time net.ipv4.tcp_keepalive_intvl net.ipv4.tcp_keepalive_probes");
        }

        var which = kernel == KernelKeepalive.LinuxDefaults ? "Linux's defaults" : "not Linux's defaults of 7200 s, 75 s and 9";
        return new DoctorCheck(DoctorVerdict.Ok, Subject,
            string.Create(CultureInfo.InvariantCulture,
                $"an idle connection is declared dead after {kernel.Time} s + {kernel.Probes} × {kernel.Interval} s = {DurationText.Format(kernel.DeadAfter)} (tcp_keepalive_time, _probes, _intvl; {which})"),
            "far too slow to notice a dead server, and a firewall may drop an idle connection sooner; sshkeep does not wait for it: ssh's ServerAlive messages (per tunnel below) keep the connection busy and notice a dead server within seconds");
    }
}
