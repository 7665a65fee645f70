using SshKeep.Logging;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Daemon;

/// <summary>The sweep at start (docs/daemon.md "When the daemon dies"). Every read of /proc may fail because the
/// process went away meanwhile, which is normal and makes it not ours.</summary>
internal static class OrphanSweep
{
    /// <summary>How many orphans it found.</summary>
    public static async Task<int> RunAsync(string instance, IEnumerable<string> sshPaths, TimeSpan grace, TimeProvider time, ILogger log,
        CancellationToken cancellationToken)
    {
        var self = Environment.ProcessId;
        var uid = LibC.geteuid();
        var names = OrphanRule.SshNames(sshPaths);
        var orphans = Find(self, uid, instance, names);
        if (orphans.Count == 0) return 0;

        foreach (var orphan in orphans)
        {
            Signal(orphan, SignalNumbers.SIGTERM);
            Signal(orphan, SignalNumbers.SIGCONT);
        }
        // A stop asked for meanwhile cuts the waits short; the main loop then stops as usual.
        if (!await WaitGoneAsync(orphans, grace, time, cancellationToken).ConfigureAwait(false) && !cancellationToken.IsCancellationRequested)
        {
            foreach (var orphan in orphans)
            {
                // The leader's pid may have been reused meanwhile (docs/daemon.md "When the daemon dies").
                var leaderOurs = Judge(orphan.Pid, self, uid, instance, names) is not null;
                if (leaderOurs || (orphan.LeadsGroup && ProcessGroup.HasLiveMembers(orphan.ProcessGroup))) Signal(orphan, SignalNumbers.SIGKILL);
            }
            await WaitGoneAsync(orphans, grace, time, cancellationToken).ConfigureAwait(false);
        }

        foreach (var orphan in orphans)
        {
            var tunnel = orphan.Tunnel ?? "(unknown tunnel)";
            if (IsGone(orphan)) log.OrphanEnded(tunnel, orphan.Pid);
            else log.OrphanSurvived(tunnel, orphan.Pid);
        }
        return orphans.Count;
    }

    private static void Signal(OrphanRule.OrphanSsh orphan, int signal) =>
        LibC.kill(orphan.LeadsGroup ? -orphan.ProcessGroup : orphan.Pid, signal);

    private static bool IsGone(OrphanRule.OrphanSsh orphan) =>
        orphan.LeadsGroup ? !ProcessGroup.HasLiveMembers(orphan.ProcessGroup) : !ProcessGroup.LiveMembers(orphan.ProcessGroup).Contains(orphan.Pid);

    private static async Task<bool> WaitGoneAsync(IReadOnlyList<OrphanRule.OrphanSsh> orphans, TimeSpan within, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (!orphans.All(IsGone))
        {
            var left = within - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return false;
            await Task.Delay(left < ProcessGroupEnd.Poll ? left : ProcessGroupEnd.Poll, time, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested) return false;
        }
        return true;
    }

    public static IReadOnlyList<OrphanRule.OrphanSsh> Find(int selfPid, uint uid, string instance, IReadOnlySet<string> sshNames, string procRoot = "/proc")
    {
        List<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(procRoot).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        return [.. entries.Select(entry => int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? Judge(pid, selfPid, uid, instance, sshNames, procRoot) : null).OfType<OrphanRule.OrphanSsh>()];
    }

    private static OrphanRule.OrphanSsh? Judge(int pid, int selfPid, uint uid, string instance, IReadOnlySet<string> sshNames, string procRoot = "/proc") =>
        Read(pid, uid, procRoot) is { } facts ? OrphanRule.Judge(facts, selfPid, uid, instance, sshNames) : null;

    /// <summary>Null when gone; only the uids of another user's process (its environment is not read at all).</summary>
    public static OrphanRule.ProcessFacts? Read(int pid, uint uid, string procRoot = "/proc")
    {
        var directory = Path.Join(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        if (ProcStat.Read(Path.Join(directory, "stat")) is not { } stat) return null;
        var (state, group) = (stat.State, stat.ProcessGroup);
        var (realUid, effectiveUid) = ParseUids(ReadText(Path.Join(directory, "status")));
        if (realUid != uid || effectiveUid != uid) return new OrphanRule.ProcessFacts(pid, state, group, realUid, effectiveUid, [], null, null);
        var argv = Split(ReadBytes(Path.Join(directory, "cmdline")));
        var executable = ProcStat.LinkTarget(Path.Join(directory, "exe"));
        var environment = ReadBytes(Path.Join(directory, "environ")) is { } environ
            ? Split(environ).Select(entry => entry.Split('=', 2)).Where(pair => pair.Length == 2 && pair[0].Length > 0)
                .DistinctBy(pair => pair[0], StringComparer.Ordinal) // the first one is what getenv sees
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal)
            : null;
        return new OrphanRule.ProcessFacts(pid, state, group, realUid, effectiveUid, argv, executable, environment);
    }

    /// <summary>"Uid:\treal\teffective\tsaved\tfilesystem" of /proc/PID/status.</summary>
    private static (uint? Real, uint? Effective) ParseUids(string? status)
    {
        var line = (status ?? "").Split('\n').FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var numbers = line?[4..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
        return numbers.Length >= 2
            && uint.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out var real)
            && uint.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out var effective)
            ? (real, effective) : (null, null);
    }

    private static List<string> Split(byte[]? bytes) =>
        bytes is null || bytes.Length == 0 ? [] : [.. Encoding.UTF8.GetString(bytes).TrimEnd('\0').Split('\0')]; // NUL-terminated entries

    private static string? ReadText(string path) => ReadBytes(path) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static byte[]? ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
