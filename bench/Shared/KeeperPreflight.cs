using SshKeep.Demo;
using SshKeep.Ssh;

namespace SshKeep.Bench;

/// <summary>What a run needs from the machine, checked before anything starts: each problem is one line saying how to fix it.</summary>
internal static class KeeperPreflight
{
    /// <param name="bench">The script's name for the messages ("bench/faults").</param>
    /// <param name="blackHoles">The scenarios that black-hole a port with iptables (they need root).</param>
    public static IReadOnlyList<string> Problems(string bench, IReadOnlyList<string> blackHoles, SideBySideOptions options)
    {
        var (keepers, autosshPath, sshkeepPath) = (options.Keepers, options.AutosshPath, options.SshkeepPath);
        var problems = new List<string>();
        if (blackHoles.Count > 0 && LoopbackFirewall.WhyUnavailable() is { } firewall)
            problems.Add($"{firewall} (black-hole scenarios: {string.Join(", ", blackHoles)}; leave them out with --scenarios to run without)");
        if (!File.Exists("/usr/sbin/sshd")) problems.Add("/usr/sbin/sshd not found; install openssh-server (apt-get install openssh-server)");
        if (DemoTools.Find("ssh") is null || DemoTools.Find("ssh-keygen") is null)
            problems.Add("ssh or ssh-keygen not found; install openssh-client (apt-get install openssh-client)");
        if (keepers.Contains(KeeperKind.Autossh) && DemoTools.Find(autosshPath) is null)
            problems.Add($"autossh not found at {autosshPath}; install Debian's autossh 1.4g (apt-get install autossh), give its path with --autossh, or leave it out with --keepers");
        if (keepers.Any(k => k != KeeperKind.Autossh) && DemoTools.Find(sshkeepPath) is null)
            problems.Add($"sshkeep not found at {sshkeepPath}; build it ({bench} does) or give its path with --sshkeep");
        return problems;
    }
}
