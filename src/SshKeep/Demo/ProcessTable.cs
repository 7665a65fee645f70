using System.Globalization;
using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>
/// Reads the process table from /proc. The fixtures need parent links (sshd sessions are children of
/// the listener, or of the ssh client's ProxyCommand) and there is no portable .NET API for them.
/// </summary>
internal static class ProcessTable
{
    /// <summary>The process with this pid as it is now, or null when there is none (or only a zombie).</summary>
    public static ProcessIdentity? Identify(int pid)
    {
        var stat = ReadStat(pid);
        return stat is null || stat.Value.State == 'Z' ? null : new ProcessIdentity(pid, stat.Value.StartTicks);
    }

    /// <summary>True while this very process (not a later one with the same pid) exists and is not a zombie.</summary>
    public static bool IsAlive(ProcessIdentity process) => Identify(process.Pid) == process;

    /// <summary>The state letter from /proc/PID/stat ('S', 'R', 'T' for stopped, 'Z' …), or null when gone.</summary>
    public static char? StateOf(int pid) => ReadStat(pid)?.State;

    /// <summary>The resolved executable of the process, or null when gone or unreadable.</summary>
    public static string? ExecutableOf(int pid) => LinkTarget($"/proc/{pid}/exe");

    /// <summary>The network namespace of the process ("net:[4026531840]"), or null when unreadable.</summary>
    public static string? NetworkNamespaceOf(int pid) => NamespaceOf(pid, "net");

    /// <summary>A namespace of the process by its /proc/PID/ns name ("pid" gives "pid:[4026531836]"), or null when unreadable.</summary>
    public static string? NamespaceOf(int pid, string kind) => LinkTarget($"/proc/{pid}/ns/{kind}");

    /// <summary>Every live descendant of <paramref name="pid"/> (children first, then theirs), not the process itself.</summary>
    public static IReadOnlyList<ProcessIdentity> DescendantsOf(int pid)
    {
        var parents = Snapshot();
        var result = new List<ProcessIdentity>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (child, stat) in parents)
            {
                if (stat.ParentPid != parent || stat.State == 'Z') continue;
                result.Add(new ProcessIdentity(child, stat.StartTicks));
                frontier.Enqueue(child);
            }
        }
        return result;
    }

    /// <summary>The live direct children of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<ProcessIdentity> ChildrenOf(int pid) =>
        [.. Snapshot().Where(p => p.Value.ParentPid == pid && p.Value.State != 'Z')
                      .Select(p => new ProcessIdentity(p.Key, p.Value.StartTicks))];

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Dictionary<int, Stat> Snapshot()
    {
        var table = new Dictionary<int, Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ReadStat(pid) is { } stat) table[pid] = stat;
        }
        return table;
    }

    private static Stat? ReadStat(int pid) =>
        ProcStat.Read($"/proc/{pid}/stat") is { } stat ? new Stat(stat.State, stat.ParentPid, stat.StartTicks) : null;

    private readonly record struct Stat(char State, int ParentPid, ulong StartTicks);
}
