using SshKeep.Demo;

namespace SshKeep.Bench;

/// <summary>What the side-by-side benchmarks do before their first trial.</summary>
internal static class BenchStart
{
    /// <summary>Removes the iptables rules of earlier runs that did not end cleanly; false (and one line
    /// on stderr) when iptables could not be asked.</summary>
    public static bool RemoveOrphanedRules(string bench)
    {
        try
        {
            if (LoopbackFirewall.WhyUnavailable() is null && LoopbackFirewall.RemoveOrphaned() is > 0 and var orphaned)
                Console.Error.WriteLine($"removed {orphaned} iptables rules left by an earlier run that did not end cleanly");
            return true;
        }
        catch (LoopbackFirewallException e)
        {
            Console.Error.WriteLine($"{bench}: {e.Message}");
            return false;
        }
    }

    /// <summary>The report's machine line, with the versions of ssh and of the keepers measured.</summary>
    public static Task<string> DescribeMachineAsync(SideBySideOptions options, CancellationToken cancellationToken)
    {
        List<(string, string)> measured = [("ssh", "-V")];
        if (options.Keepers.Contains(KeeperKind.Autossh)) measured.Add((options.AutosshPath, "-V"));
        if (options.Keepers.Any(k => k != KeeperKind.Autossh)) measured.Add((options.SshkeepPath, "--version"));
        return MachineDescription.DescribeAsync(measured, cancellationToken);
    }
}
