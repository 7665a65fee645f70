namespace SshKeep.Native;

/// <summary>Who is in a process group, from /proc (the kernel has no call that lists a group, and
/// <c>kill(-pgid, 0)</c> also counts zombies, which are dead already).</summary>
internal static class ProcessGroup
{
    public static IReadOnlyList<int> LiveMembers(int pgid) =>
        [.. ProcStat.All().Where(p => IsLiveMember(p.Stat, pgid)).Select(p => p.Pid)];

    public static bool HasLiveMembers(int pgid) => ProcStat.All().Any(p => IsLiveMember(p.Stat, pgid));

    private static bool IsLiveMember(ProcStat stat, int pgid) => stat.State != 'Z' && stat.ProcessGroup == pgid;
}
