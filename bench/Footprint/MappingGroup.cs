using System.Globalization;

namespace SshKeep.Bench.Footprint;

/// <summary>
/// Where a process's resident memory is, by mapping (/proc/PID/smaps): each file by name
/// (libcoreclr.so, System.Private.CoreLib.dll, …), and the anonymous rest as "[anonymous]" (the GC
/// heap, JIT'd code, native allocations and thread stacks are all anonymous memory).
/// </summary>
internal sealed record MappingGroup(string Name, long RssKb, long PssKb, long AnonymousKb)
{
    public static IReadOnlyList<MappingGroup> Read(int pid)
    {
        var groups = new Dictionary<string, (long Rss, long Pss, long Anon)>(StringComparer.Ordinal);
        string current = "[anonymous]";
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
            {
                if (IsMappingHeader(line))
                {
                    // "start-end perms offset dev inode   path": the path is the 6th field, if any.
                    var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                    var path = fields.Length == 6 ? fields[5].Trim() : "";
                    current = path.StartsWith('/') ? Path.GetFileName(path) : path is "[heap]" or "[stack]" ? path : "[anonymous]";
                    continue;
                }
                var kind = line.StartsWith("Rss:", StringComparison.Ordinal) ? 0
                    : line.StartsWith("Pss:", StringComparison.Ordinal) ? 1
                    : line.StartsWith("Anonymous:", StringComparison.Ordinal) ? 2 : -1;
                if (kind < 0) continue;
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                var g = groups.GetValueOrDefault(current);
                groups[current] = kind switch { 0 => g with { Rss = g.Rss + kb }, 1 => g with { Pss = g.Pss + kb }, _ => g with { Anon = g.Anon + kb } };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        return [.. groups.Select(g => new MappingGroup(g.Key, g.Value.Rss, g.Value.Pss, g.Value.Anon)).OrderByDescending(g => g.RssKb)];
    }

    /// <summary>A mapping line starts with "hex-hex"; every field line's first word ends with ':'.</summary>
    private static bool IsMappingHeader(string line)
    {
        var first = line.Split(' ', 2)[0];
        return first.Contains('-', StringComparison.Ordinal) && !first.EndsWith(':');
    }
}
