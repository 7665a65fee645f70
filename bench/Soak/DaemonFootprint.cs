using System.Globalization;

namespace SshKeep.Bench.Soak;

/// <summary>
/// Reads the daemon's footprint from /proc: open descriptors (/proc/PID/fd) and VmRSS
/// (/proc/PID/status). Ten readings 300 ms apart: the fewest descriptors (a probe in flight holds
/// a few for a moment; a leak holds them in every reading) and the lowest RSS (the GC's heap swings
/// by tens of MB between collections; the low point is the closest to what is live, and what a
/// leak raises).
/// </summary>
internal static class DaemonFootprint
{
    public static async Task<FootprintSample?> SampleAsync(int pid, string label, int afterFaults, int tunnels, TimeProvider time, CancellationToken cancellationToken)
    {
        (int Fds, long RssKb, Dictionary<string, int> Kinds)? fewest = null;
        var rss = new List<long>();
        for (var reading = 0; reading < 10; reading++)
        {
            if (reading > 0) await Task.Delay(TimeSpan.FromMilliseconds(300), time, cancellationToken).ConfigureAwait(false);
            if (Read(pid) is not { } now) return null;
            if (fewest is null || now.Fds < fewest.Value.Fds) fewest = now;
            rss.Add(now.RssKb);
        }
        return new FootprintSample(label, afterFaults, tunnels, fewest!.Value.Fds, rss.Min(), fewest.Value.Kinds);
    }

    /// <summary>The differences between two samples' descriptor kinds, "socket +3, pipe −1, code +4"
    /// (loaded assemblies and libraries summed as "code"), or "" when none.</summary>
    public static string KindChanges(FootprintSample from, FootprintSample to)
    {
        var changes = from.FdKinds.Keys.Union(to.FdKinds.Keys).Where(k => !FootprintSample.IsCode(k)).Order(StringComparer.Ordinal)
            .Select(kind => (kind, delta: to.FdKinds.GetValueOrDefault(kind) - from.FdKinds.GetValueOrDefault(kind)))
            .Where(k => k.delta != 0)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.kind} {k.delta:+0;−0}"))
            .ToList();
        if (to.CodeFds != from.CodeFds) changes.Add(string.Create(CultureInfo.InvariantCulture, $"code {to.CodeFds - from.CodeFds:+0;−0}"));
        return string.Join(", ", changes);
    }

    private static (int Fds, long RssKb, Dictionary<string, int> Kinds)? Read(int pid)
    {
        try
        {
            var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
            var fds = 0;
            foreach (var link in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                fds++;
                var kind = Kind(link);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            // "VmRSS:	   41234 kB"
            var number = line?[6..].Trim().Split(' ')[0];
            return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? (fds, kb, kinds) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"socket:[123]" → "socket", "pipe:[456]" → "pipe"; a loaded assembly or library by its
    /// file name ("System.Net.Sockets.dll"); anon inodes and other paths as they are.</summary>
    private static string Kind(string link)
    {
        string? target;
        try
        {
            target = new FileInfo(link).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "(closed while read)";
        }
        if (target is null) return "(unreadable)";
        return target.StartsWith("socket:", StringComparison.Ordinal) ? "socket"
             : target.StartsWith("pipe:", StringComparison.Ordinal) ? "pipe"
             : FootprintSample.IsCode(target) ? Path.GetFileName(target)
             : target;
    }
}
