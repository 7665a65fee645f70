using System.Globalization;

namespace SshKeep.Health;

/// <summary>
/// The sockets a process holds, from its descriptor links (/proc/PID/fd/N → "socket:[INODE]"),
/// the only way from a pid to its sockets on Linux. Races with the process (it exits, closes a
/// descriptor) leave that descriptor or the whole process out; nothing throws. Another user's
/// descriptors need root; without it the answer is empty ("unknown").
/// </summary>
internal static class ProcessSockets
{
    private const string Prefix = "socket:[";

    /// <summary>The sockets <paramref name="pid"/> holds, ordered by descriptor; empty when the
    /// process is gone or its descriptors are not ours to read.</summary>
    /// <param name="procRoot">"/proc", or the root of a fake tree in tests.</param>
    public static IReadOnlyList<HeldSocket> Of(int pid, string procRoot = "/proc")
    {
        var held = new List<HeldSocket>();
        try
        {
            var fdDirectory = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "fd");
            foreach (var entry in Directory.EnumerateFileSystemEntries(fdDirectory))
            {
                if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd)) continue;
                if (InodeOf(entry) is { } inode) held.Add(new HeldSocket(fd, inode));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended (or is not ours) while we listed it: what was read so far is
            // still true of the moment it was read, but a half list would mislead; say nothing.
            return [];
        }
        held.Sort((a, b) => a.Fd.CompareTo(b.Fd));
        return held;
    }

    /// <summary>The socket inode a descriptor link points to, or null when it is no socket or
    /// vanished. Shared with <see cref="PortHolder"/>'s scan of every process.</summary>
    internal static ulong? InodeOf(string fdLink)
    {
        string? target;
        try
        {
            target = new FileInfo(fdLink).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the descriptor was closed between listing and reading
        }
        if (target is null || !target.StartsWith(Prefix, StringComparison.Ordinal) || !target.EndsWith(']')) return null;
        return ulong.TryParse(target.AsSpan(Prefix.Length, target.Length - Prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode) && inode != 0
            ? inode
            : null;
    }
}
