using System.Globalization;

namespace SshKeep.Native;

/// <summary>Who is in a process group, from /proc (the kernel has no call that lists a group, and
/// <c>kill(-pgid, 0)</c> also counts zombies, which are dead already).</summary>
internal static class ProcessGroup
{
    /// <summary>The pids of the processes in group <paramref name="pgid"/> that are not zombies.</summary>
    public static IReadOnlyList<int> LiveMembers(int pgid) => [.. AllPids().Where(pid => IsLiveMember(pid, pgid))];

    /// <summary>True while a process of group <paramref name="pgid"/> is alive (not a zombie).</summary>
    public static bool HasLiveMembers(int pgid) => AllPids().Any(pid => IsLiveMember(pid, pgid));

    private static IEnumerable<int> AllPids()
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                yield return pid;
        }
    }

    private static bool IsLiveMember(int pid, int pgid) =>
        ProcStat.Read($"/proc/{pid}/stat") is { } stat && stat.State != 'Z' && stat.ProcessGroup == pgid;
}
