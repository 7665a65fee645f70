using System.Globalization;
using SshKeep.Native;
using System.Text;

namespace SshKeep.Daemon;

/// <summary>
/// Reads /proc (or a look-alike under <c>procRoot</c>, for tests) into <see cref="ProcessFacts"/>
/// and keeps what <see cref="OrphanRule"/> calls ours. The thin shell around the rule: every read
/// may fail because the process went away meanwhile, which is normal and makes it not ours.
/// </summary>
internal static class OrphanScan
{
    /// <summary>The ssh processes an earlier daemon of this instance left running.</summary>
    public static IReadOnlyList<OrphanSsh> Find(int selfPid, uint uid, string instance, IReadOnlySet<string> sshNames, string procRoot = "/proc")
    {
        var found = new List<OrphanSsh>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(procRoot).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return found;
        }
        foreach (var entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Read(pid, uid, procRoot) is { } facts && OrphanRule.Judge(facts, selfPid, uid, instance, sshNames) is { } orphan)
                found.Add(orphan);
        }
        return found;
    }

    /// <summary>What /proc says about <paramref name="pid"/>; null when it is gone or not a
    /// process of <paramref name="uid"/> (the environment of other users' processes is not read at all).</summary>
    public static ProcessFacts? Read(int pid, uint uid, string procRoot = "/proc")
    {
        var directory = Path.Join(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        if (ReadText(Path.Join(directory, "stat")) is not { } text || ProcStat.Parse(text) is not { } stat) return null;
        var (state, group) = (stat.State, stat.ProcessGroup);
        var (realUid, effectiveUid) = ParseUids(ReadText(Path.Join(directory, "status")));
        if (realUid != uid || effectiveUid != uid) return new ProcessFacts(pid, state, group, realUid, effectiveUid, [], null, null);
        var argv = Split(ReadBytes(Path.Join(directory, "cmdline")));
        string? executable;
        try
        {
            executable = new FileInfo(Path.Join(directory, "exe")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            executable = null;
        }
        Dictionary<string, string>? environment = null;
        if (ReadBytes(Path.Join(directory, "environ")) is { } environ)
        {
            environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in Split(environ))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0) environment.TryAdd(entry[..equals], entry[(equals + 1)..]); // the first one is what getenv sees
            }
        }
        return new ProcessFacts(pid, state, group, realUid, effectiveUid, argv, executable, environment);
    }

    /// <summary>"Uid:\treal\teffective\tsaved\tfilesystem" of /proc/PID/status.</summary>
    private static (uint? Real, uint? Effective) ParseUids(string? status)
    {
        foreach (var line in (status ?? "").Split('\n'))
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal)) continue;
            var numbers = line[4..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return numbers.Length >= 2
                && uint.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out var real)
                && uint.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out var effective)
                ? (real, effective) : (null, null);
        }
        return (null, null);
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
