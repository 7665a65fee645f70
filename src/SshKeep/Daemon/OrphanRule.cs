namespace SshKeep.Daemon;

/// <summary>Which processes are ssh an earlier daemon of this instance left (docs/daemon.md "When the daemon dies"):
/// a security boundary. The caller holds the instance lock, so no live daemon of this instance owns them.</summary>
internal static class OrphanRule
{
    public const string InstanceVariable = "SSHKEEP_INSTANCE";

    public const string TunnelVariable = "SSHKEEP_TUNNEL";

    /// <summary>Null when <paramref name="process"/> is not provably ours.</summary>
    /// <param name="instance">This instance's lock path.</param>
    public static OrphanSsh? Judge(ProcessFacts process, int selfPid, uint uid, string instance, IReadOnlySet<string> sshNames)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentNullException.ThrowIfNull(sshNames);
        if (process.Pid == selfPid || process.Pid <= 1 || process.State is 'Z' or 'X') return null;
        if (process.RealUid != uid || process.EffectiveUid != uid) return null;
        if (process.Environment is null || !process.Environment.TryGetValue(InstanceVariable, out var marker)
            || !string.Equals(marker, instance, StringComparison.Ordinal)) return null;
        if (!IsSsh(process, sshNames)) return null;
        process.Environment.TryGetValue(TunnelVariable, out var tunnel);
        return new OrphanSsh(process.Pid, process.ProcessGroup, string.IsNullOrEmpty(tunnel) ? null : tunnel);
    }

    public static IReadOnlySet<string> SshNames(IEnumerable<string> sshPaths) =>
        sshPaths.Select(FileName).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static bool IsSsh(ProcessFacts process, IReadOnlySet<string> sshNames) =>
        (process.Argv.Count > 0 && sshNames.Contains(FileName(process.Argv[0])))
        || (process.Executable is { } exe && sshNames.Contains(FileName(StripDeleted(exe))));

    /// <summary>The kernel shows a replaced binary (ssh upgraded under a running ssh) as "PATH (deleted)".</summary>
    private static string StripDeleted(string exe) =>
        exe.EndsWith(" (deleted)", StringComparison.Ordinal) ? exe[..^" (deleted)".Length] : exe;

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>What /proc says about one process; a field that could not be read is null.</summary>
    internal sealed record ProcessFacts(
        int Pid,
        char State,
        int ProcessGroup,
        uint? RealUid,
        uint? EffectiveUid,
        IReadOnlyList<string> Argv,
        string? Executable,
        IReadOnlyDictionary<string, string>? Environment);

    internal sealed record OrphanSsh(int Pid, int ProcessGroup, string? Tunnel)
    {
        /// <summary>The group (ssh and its ProxyCommand) is what is ended.</summary>
        public bool LeadsGroup => Pid == ProcessGroup;
    }
}
