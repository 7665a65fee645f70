namespace SshKeep.Daemon;

/// <summary>
/// Which processes are ssh left behind by an earlier daemon of this very instance (one config
/// file in one run directory), so that a daemon started after its predecessor was killed with
/// SIGKILL may end them (docs/daemon.md "When the daemon dies"). A pure decision over
/// <see cref="ProcessFacts"/>; it kills processes, so it is a security boundary (docs/security.md).
/// </summary>
/// <remarks>
/// The daemon marks every ssh it starts with two variables in ssh's environment:
/// <see cref="InstanceVariable"/> (the instance lock's path, unique per config file and run
/// directory) and <see cref="TunnelVariable"/> (the tunnel's name). The environment, not the
/// command line, because ssh's argv carries nothing that names the instance for every tunnel
/// (its ControlPath is "none" when probes are off), and an extra ssh option would change what ssh
/// does. A process is ours only when all of these hold:
/// <list type="bullet">
/// <item>it is not this process, and not a zombie (dead already);</item>
/// <item>its real and effective uid are ours (another user's process is never touched, even by root);</item>
/// <item>its environment's <see cref="InstanceVariable"/> is exactly this instance's lock path
/// (another config file, or the same file with another run directory, is another instance);</item>
/// <item>it is an ssh: the file name of argv[0] or of /proc/PID/exe is one of the configured
/// ssh_path names (a ProxyCommand or hook that inherited the variables is not an ssh).</item>
/// </list>
/// The caller holds the instance lock, so no live daemon of this instance owns such a process.
/// </remarks>
internal static class OrphanRule
{
    /// <summary>Names the instance (its lock path) in the environment of every ssh the daemon starts.</summary>
    public const string InstanceVariable = "SSHKEEP_INSTANCE";

    /// <summary>Names the tunnel in the environment of its ssh.</summary>
    public const string TunnelVariable = "SSHKEEP_TUNNEL";

    /// <summary>The orphan, or null when <paramref name="process"/> is not provably ours.</summary>
    /// <param name="process">What /proc says about the process.</param>
    /// <param name="selfPid">This daemon's pid.</param>
    /// <param name="uid">This daemon's effective uid.</param>
    /// <param name="instance">This instance's lock path (<see cref="InstancePaths.LockPath"/>).</param>
    /// <param name="sshNames">The file names of the configured ssh_path values ("ssh").</param>
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

    /// <summary>The file names <see cref="Judge"/> accepts as ssh, from the configured ssh_path values.</summary>
    public static IReadOnlySet<string> SshNames(IEnumerable<string> sshPaths) =>
        sshPaths.Select(FileName).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static bool IsSsh(ProcessFacts process, IReadOnlySet<string> sshNames) =>
        (process.Argv.Count > 0 && sshNames.Contains(FileName(process.Argv[0])))
        || (process.Executable is { } exe && sshNames.Contains(FileName(StripDeleted(exe))));

    /// <summary>The kernel shows a replaced binary (ssh upgraded under a running ssh) as "PATH (deleted)".</summary>
    private static string StripDeleted(string exe) =>
        exe.EndsWith(" (deleted)", StringComparison.Ordinal) ? exe[..^" (deleted)".Length] : exe;

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
