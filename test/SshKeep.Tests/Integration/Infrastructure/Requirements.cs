using SshKeep.Demo;
using SshKeep.Ssh;

namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// Checks the machine for what a test needs and says in one line what is missing and how to get it.
/// test.sh installs everything when it runs as root, so in CI nothing should ever be skipped.
/// </summary>
public static class Requirements
{
    /// <summary>Null when every need is met; otherwise why not, worded as a skip reason.</summary>
    public static string? WhyNot(Needs needs)
    {
        var missing = new List<string>();
        if (needs.HasFlag(Needs.Root) && !Environment.IsPrivilegedProcess) missing.Add("root");
        if (needs.HasFlag(Needs.Sshd))
        {
            if (!File.Exists("/usr/sbin/sshd")) missing.Add("/usr/sbin/sshd (openssh-server)");
            if (DemoTools.Find("ssh") is null || DemoTools.Find("ssh-keygen") is null) missing.Add("ssh, ssh-keygen (openssh-client)");
        }
        if (needs.HasFlag(Needs.NetworkNamespace))
        {
            if (DemoTools.Find("unshare") is null) missing.Add("unshare (util-linux)");
            if (DemoTools.Find("ip") is null) missing.Add("ip (iproute2)");
        }
        if (needs.HasFlag(Needs.Systemd))
        {
            if (!File.Exists("/lib/systemd/systemd")) missing.Add("/lib/systemd/systemd (systemd)");
            if (DemoTools.Find("unshare") is null || DemoTools.Find("nsenter") is null) missing.Add("unshare, nsenter (util-linux)");
            if (DemoTools.Find("ip") is null) missing.Add("ip (iproute2)");
            if (!File.ReadAllText("/proc/filesystems").Contains("\toverlay\n", StringComparison.Ordinal)) missing.Add("overlayfs in the kernel");
            if (SshKeep.Tests.Integration.Systemd.ThrowawaySystemd.CgroupTwoMount() is null) missing.Add("a cgroup2 mount");
        }
        if (needs.HasFlag(Needs.SocketActivate) && DemoTools.Find("systemd-socket-activate") is null) missing.Add("systemd-socket-activate (systemd)");
        if (needs.HasFlag(Needs.Autossh) && DemoTools.Find("autossh") is null) missing.Add("autossh (autossh)");
        if (needs.HasFlag(Needs.Killall) && DemoTools.Find("killall") is null) missing.Add("killall (psmisc)");
        if (needs.HasFlag(Needs.Chromium) && DemoTools.Find("chromium") is null) missing.Add("chromium (chromium)");
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing)}; run ./test.sh as root to install";
    }
}
