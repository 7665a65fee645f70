using SshKeep.Health;

namespace SshKeep.Cli.Doctor;

/// <summary>How long a dead server goes unnoticed by ssh (docs/doctor.md, "Each tunnel").</summary>
internal static class KeepaliveCheck
{
    public const string Subject = "keepalive";

    public const int MaxBudgetSeconds = 300;

    public static DoctorCheck Judge(SshGOutput ssh, KernelKeepalive? kernel)
    {
        var interval = ssh.Number("serveraliveinterval") ?? 0;
        var count = ssh.Number("serveralivecountmax") ?? 3;
        var kernelText = kernel is null ? "" : $" ({DurationText.Format(kernel.DeadAfter)} here)";
        var budget = (long)interval * count;
        var finding = string.Create(CultureInfo.InvariantCulture,
            $"ServerAliveInterval {interval} s × ServerAliveCountMax {count}: ssh gives up on a silent server after about {DurationText.Format(budget)}");
        return (interval, budget) switch
        {
            (0, _) => new(DoctorVerdict.Warn, Subject,
                "ServerAliveInterval 0: ssh never asks a silent server whether it is still there",
                $"a dead server is then noticed only by the kernel's TCP keepalive{kernelText}, or never",
                "remove ServerAliveInterval from the tunnel's ssh_options and set health.server_alive_interval (default 10)"),
            (_, > MaxBudgetSeconds) => new(DoctorVerdict.Warn, Subject, finding,
                $"for that long a dead server leaves the tunnel dead, and an idle connection may meet a firewall's idle timeout between keepalives",
                "lower health.server_alive_interval or health.server_alive_count_max (sshkeep's defaults, 10 and 3, notice within 30 s)"),
            _ => new(DoctorVerdict.Ok, Subject, finding, $"without it only the kernel's TCP keepalive would notice{kernelText}"),
        };
    }
}
