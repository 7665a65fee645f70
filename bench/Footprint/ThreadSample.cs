using System.Globalization;

namespace SshKeep.Bench.Footprint;

/// <summary>
/// One thread of a process: its name (comm, 15 characters at most: ".NET TP Worker", "ssh stderr"),
/// how often it gave up the CPU (voluntary context switches: each is a sleep, so each later
/// wake-up is one of these), how often it was preempted, and its CPU time in nanoseconds
/// (schedstat's first field; finer than stat's clock ticks).
/// </summary>
internal sealed record ThreadSample(int Tid, string Name, long Voluntary, long Involuntary, long CpuNs)
{
    public static IReadOnlyList<ThreadSample> ReadAll(int pid)
    {
        var result = new List<ThreadSample>();
        IEnumerable<string> tasks;
        try
        {
            tasks = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return result;
        }
        foreach (var task in tasks)
        {
            try
            {
                var tid = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                var status = File.ReadAllLines(Path.Combine(task, "status"));
                var schedstat = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                result.Add(new ThreadSample(tid, name,
                    ProcessSample.NumberField(status, "voluntary_ctxt_switches:"),
                    ProcessSample.NumberField(status, "nonvoluntary_ctxt_switches:"),
                    long.Parse(schedstat[0], CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return result;
    }
}
