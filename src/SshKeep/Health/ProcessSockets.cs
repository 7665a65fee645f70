using SshKeep.Native;

namespace SshKeep.Health;

/// <summary>From /proc/PID/fd/N → "socket:[INODE]" (the only way on Linux); races leave things out, nothing throws.</summary>
internal static class ProcessSockets
{
    private const string Prefix = "socket:[";

    /// <summary>Ordered by descriptor; the inode is the key into <see cref="TcpSocketTable"/>.</summary>
    public static IReadOnlyList<(int Fd, ulong Inode)> Of(int pid, string procRoot = "/proc")
    {
        var held = new List<(int Fd, ulong Inode)>();
        try
        {
            var fdDirectory = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "fd");
            foreach (var entry in Directory.EnumerateFileSystemEntries(fdDirectory))
            {
                if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd)) continue;
                if (InodeOf(entry) is { } inode) held.Add((fd, inode));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A half list would mislead.
            return [];
        }
        return [.. held.OrderBy(h => h.Fd)];
    }

    /// <summary>Null when the link is no socket or vanished.</summary>
    internal static ulong? InodeOf(string fdLink)
    {
        // Null too when the descriptor was closed between listing and reading.
        var target = ProcStat.LinkTarget(fdLink);
        if (target is null || !target.StartsWith(Prefix, StringComparison.Ordinal) || !target.EndsWith(']')) return null;
        return ulong.TryParse(target.AsSpan(Prefix.Length, target.Length - Prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode) && inode != 0
            ? inode
            : null;
    }
}
