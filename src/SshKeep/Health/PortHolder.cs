namespace SshKeep.Health;

/// <summary>A listen port's holder, as ss -p finds it (docs/reachability.md); it scans every process: error paths only.</summary>
internal static class PortHolder
{
    /// <summary>Command lines are cut to this many characters: one log line, not an essay.</summary>
    public const int CommandLineLimit = 80;

    /// <summary>A short phrase for a "port in use" error, or null when nobody listens there (any more, or here).</summary>
    public static string? Describe(int port, string procRoot = "/proc")
    {
        var listeners = TcpSocketTable.Read(pid: null, procRoot)
            .Where(s => s.State == TcpSocketState.Listen && s.Local.Port == port && s.Inode != 0)
            .ToList();
        if (listeners.Count == 0) return null;
        return FindHolder(listeners.Select(s => s.Inode).ToHashSet(), procRoot) is { } pid
            ? $"held by pid {pid} ({ReadCommandLine(procRoot, pid) ?? ReadComm(procRoot, pid) ?? "?"})"
            : $"held by a process of uid {listeners[0].Uid} that sshkeep may not inspect";
    }

    private static int? FindHolder(HashSet<ulong> inodes, string procRoot)
    {
        // Lowest pid first: a listener shared by a parent and its forked workers names the parent, whatever the order.
        var pids = new List<int>();
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(procRoot))
            {
                if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) pids.Add(pid);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The listing broke off (or could not begin); scan what was listed.
        }
        foreach (var pid in pids.Order())
        {
            if (ProcessSockets.Of(pid, procRoot).Any(socket => inodes.Contains(socket.Inode))) return pid;
        }
        return null;
    }

    private static string? ReadComm(string procRoot, int pid) =>
        ReadSmall(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "comm")) is { } text
            ? OneLine.Of(text.TrimEnd('\n', '\0'), OneLineStyle.QuestionMark)
            : null;

    private static string? ReadCommandLine(string procRoot, int pid)
    {
        if (ReadSmall(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "cmdline")) is not { } text) return null;
        var line = OneLine.Of(text.TrimEnd('\0').Replace('\0', ' '), OneLineStyle.QuestionMark).Trim();
        if (line.Length == 0) return null;
        return line.Length <= CommandLineLimit ? line : string.Concat(line.AsSpan(0, CommandLineLimit - 1), "…");
    }

    /// <summary>The first few kilobytes of a /proc file (a command line can be megabytes), or null.</summary>
    private static string? ReadSmall(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[4096];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
