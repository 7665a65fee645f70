using SshKeep.Demo;
using SshKeep.Ssh;

namespace SshKeep.Bench.Faults;

/// <summary>What the run needs from the machine, checked before anything starts: each problem is one line saying how to fix it.</summary>
internal static class Preflight
{
    public static IReadOnlyList<string> Problems(BenchOptions options)
    {
        var problems = new List<string>();
        if (options.Scenarios.Any(s => s.NeedsRoot) && LoopbackFirewall.WhyUnavailable() is { } firewall)
            problems.Add($"{firewall} (black-hole scenarios: {string.Join(", ", options.Scenarios.Where(s => s.NeedsRoot).Select(s => s.Id))}; leave them out with --scenarios to run without)");
        if (!File.Exists("/usr/sbin/sshd")) problems.Add("/usr/sbin/sshd not found; install openssh-server (apt-get install openssh-server)");
        if (DemoTools.Find("ssh") is null || DemoTools.Find("ssh-keygen") is null)
            problems.Add("ssh or ssh-keygen not found; install openssh-client (apt-get install openssh-client)");
        if (options.Keepers.Contains(KeeperKind.Autossh) && DemoTools.Find(options.AutosshPath) is null)
            problems.Add($"autossh not found at {options.AutosshPath}; install Debian's autossh 1.4g (apt-get install autossh), give its path with --autossh, or leave it out with --keepers compat,daemon");
        if (options.Keepers.Any(k => k != KeeperKind.Autossh) && DemoTools.Find(options.SshkeepPath) is null)
            problems.Add($"sshkeep not found at {options.SshkeepPath}; build it (bench/faults does) or give its path with --sshkeep");
        return problems;
    }
}
