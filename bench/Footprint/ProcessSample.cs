using System.Globalization;

namespace SshKeep.Bench.Footprint;

/// <summary>
/// What /proc says about one process at one instant: resident memory (VmRSS from status, the
/// figure `ps` and `top` show), proportional memory (Pss from smaps_rollup: shared pages such as
/// libc or the .NET runtime split among the processes that map them), CPU time used so far
/// (utime + stime from stat: every thread, dead ones included, not the children) and each
/// thread's context switches. Null from <see cref="Read"/> when the process is gone.
/// </summary>
internal sealed record ProcessSample(int Pid, long RssKb, long PssKb, long CpuTicks, IReadOnlyList<ThreadSample> Threads)
{
    public static ProcessSample? Read(int pid, bool withThreads = true)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            var rss = NumberField(status, "VmRSS:");
            var pss = NumberField(File.ReadAllLines($"/proc/{pid}/smaps_rollup"), "Pss:");
            // "pid (comm) S ppid …": comm may contain spaces, so count fields after the last ')'.
            // utime and stime are fields 14 and 15 of proc(5), i.e. 11 and 12 after the state.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcessSample(pid, rss, pss, ticks, withThreads ? ThreadSample.ReadAll(pid) : []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Only VmRSS: cheap enough to read every second during the idle window.</summary>
    public static long? ReadRssKb(int pid)
    {
        try
        {
            return NumberField(File.ReadAllLines($"/proc/{pid}/status"), "VmRSS:");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    internal static long NumberField(IEnumerable<string> lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
                   ?? throw new FormatException($"no {name} line");
        // "VmRSS:	   41236 kB"
        var number = line[name.Length..].Trim().Split(' ')[0];
        return long.Parse(number, CultureInfo.InvariantCulture);
    }
}
