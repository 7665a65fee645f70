using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>Reads the process table from /proc. The fixtures need parent links (sshd sessions are children of
/// the listener, or of the ssh client's ProxyCommand) and there is no portable .NET API for them.</summary>
internal static class ProcessTable
{
    /// <summary>The process with this pid as it is now, or null when there is none (or only a zombie).</summary>
    public static ProcessIdentity? Identify(int pid) =>
        ProcStat.Of(pid) is { State: not 'Z' } stat ? new ProcessIdentity(pid, stat.StartTicks) : null;

    public static bool IsAlive(ProcessIdentity process) => Identify(process.Pid) == process;

    /// <summary>The state letter from /proc/PID/stat ('S', 'R', 'T' for stopped, 'Z' …), or null when gone.</summary>
    public static char? StateOf(int pid) => ProcStat.Of(pid)?.State;

    public static string? ExecutableOf(int pid) => ProcStat.LinkTarget($"/proc/{pid}/exe");

    /// <summary>A namespace of the process by its /proc/PID/ns name ("pid" gives "pid:[4026531836]"), or null when unreadable.</summary>
    public static string? NamespaceOf(int pid, string kind) => ProcStat.LinkTarget($"/proc/{pid}/ns/{kind}");

    /// <summary>Every live descendant of <paramref name="pid"/> (children first, then theirs), not the process itself.</summary>
    public static IReadOnlyList<ProcessIdentity> DescendantsOf(int pid)
    {
        var live = LiveProcesses();
        var result = new List<ProcessIdentity>();
        // Breadth first, result doubling as the queue of parents; -1 stands for pid itself.
        for (int i = -1; i < result.Count; i++)
        {
            int parent = i < 0 ? pid : result[i].Pid;
            result.AddRange(live.Where(p => p.Stat.ParentPid == parent).Select(p => new ProcessIdentity(p.Pid, p.Stat.StartTicks)));
        }
        return result;
    }

    public static IReadOnlyList<ProcessIdentity> ChildrenOf(int pid) =>
        [.. LiveProcesses().Where(p => p.Stat.ParentPid == pid).Select(p => new ProcessIdentity(p.Pid, p.Stat.StartTicks))];

    private static List<(int Pid, ProcStat Stat)> LiveProcesses() => [.. ProcStat.All().Where(p => p.Stat.State != 'Z')];
}
