namespace SshKeep.Native;

/// <summary><c>/proc/PID/stat</c> (proc(5)), counted from the last ')': comm may hold spaces and parentheses.</summary>
/// <param name="StartTicks">Field 22; 0 when the line is cut short.</param>
internal readonly record struct ProcStat(char State, int ParentPid, int ProcessGroup, ulong StartTicks)
{
    /// <summary>Every process in /proc with its stat line, read as the walk reaches it (one gone meanwhile is left out).</summary>
    public static IEnumerable<(int Pid, ProcStat Stat)> All()
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Of(pid) is { } stat)
            {
                yield return (pid, stat);
            }
        }
    }

    public static ProcStat? Of(int pid) => Read($"/proc/{pid}/stat");

    /// <summary>The target of a /proc link (<c>exe</c>, <c>fd/2</c>, <c>ns/net</c>), or null when gone or unreadable.</summary>
    public static string? LinkTarget(string path) => UnlessGone(() => new FileInfo(path).LinkTarget);

    /// <summary>Null when the process is gone, cannot be read, or the line is not one.</summary>
    public static ProcStat? Read(string path) => UnlessGone(() => Parse(File.ReadAllText(path)));

    public static ProcStat? Parse(string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length) return null;
        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 3 || fields[0].Length != 1
            || !int.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parent)
            || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group))
        {
            return null;
        }
        ulong start = fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;
        return new ProcStat(fields[0][0], parent, group, start);
    }

    private static T? UnlessGone<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
