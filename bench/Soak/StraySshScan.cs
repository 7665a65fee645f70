using System.Globalization;
using SshKeep.Demo;

namespace SshKeep.Bench.Soak;

/// <summary>
/// Finds ssh processes not owned by a live tunnel: the daemon's ssh children, and every ssh on the
/// machine whose command line names this soak's client key (so it was started for this soak's
/// server), less the pids `sshkeep status --json` lists and the soak's own foreign ssh.
/// </summary>
internal static class StraySshScan
{
    /// <param name="daemonPid">The daemon; null once it has exited (then every ssh of the soak is a stray).</param>
    /// <param name="owned">The tunnels' ssh pids from status.</param>
    /// <param name="marker">Text in the command line of every ssh started for this soak (the client key's path).</param>
    /// <param name="ours">The soak's own ssh (foreign port holders), never strays.</param>
    public static IReadOnlyList<StraySsh> Find(int? daemonPid, IReadOnlySet<int> owned, string marker, IReadOnlySet<int> ours, int afterFaults)
    {
        var strays = new List<StraySsh>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (owned.Contains(pid) || ours.Contains(pid) || pid == Environment.ProcessId) continue;
            if (Read(pid) is not { } process || Path.GetFileName(process.Argv[0]) != "ssh") continue;
            var child = daemonPid is { } daemon && process.ParentPid == daemon;
            var commandLine = string.Join(' ', process.Argv);
            // `ssh -G` (the daemon asks ssh for a tunnel's address) ends at once; the caller's second look drops it.
            if (child || commandLine.Contains(marker, StringComparison.Ordinal))
                strays.Add(new StraySsh(pid, process.ParentPid, child, commandLine, afterFaults));
        }
        return strays;
    }

    /// <summary>True while the process still runs and is still an ssh (its pid was not reused by something else).</summary>
    public static bool StillThere(StraySsh stray) =>
        Read(stray.Pid) is { } process && Path.GetFileName(process.Argv[0]) == "ssh" && string.Join(' ', process.Argv) == stray.CommandLine;

    private static (string[] Argv, int ParentPid)? Read(int pid)
    {
        try
        {
            var argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            if (argv.Length == 0) return null; // a kernel thread or a zombie
            var parent = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            if (parent is null || !int.TryParse(parent.AsSpan(5).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)) return null;
            if (ProcessTable.StateOf(pid) is 'Z' or null) return null;
            return (argv, ppid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone between listing and reading
        }
    }
}
