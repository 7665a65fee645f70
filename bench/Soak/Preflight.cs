using SshKeep.Demo;
using SshKeep.Ssh;

namespace SshKeep.Bench.Soak;

/// <summary>What the soak needs from the machine, checked before anything starts: each problem is one line saying how to fix it.</summary>
internal static class Preflight
{
    public static IReadOnlyList<string> Problems(SoakOptions options)
    {
        var problems = new List<string>();
        if (LoopbackFirewall.WhyUnavailable() is { } firewall) problems.Add($"{firewall} (the soak black-holes the sshd port)");
        if (!File.Exists("/usr/sbin/sshd")) problems.Add("/usr/sbin/sshd not found; install openssh-server (apt-get install openssh-server)");
        if (DemoTools.Find("ssh") is null || DemoTools.Find("ssh-keygen") is null)
            problems.Add("ssh or ssh-keygen not found; install openssh-client (apt-get install openssh-client)");
        if (DemoTools.Find(options.SshkeepPath) is null)
            problems.Add($"sshkeep not found at {options.SshkeepPath}; build it (bench/soak does) or give its path with --sshkeep");
        return problems;
    }
}
