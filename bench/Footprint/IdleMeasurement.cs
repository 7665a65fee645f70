namespace SshKeep.Bench.Footprint;

/// <summary>
/// The keepers' footprint over one idle window (nothing changes, no traffic but the keepers' own):
/// memory at the end of the window (summed over the keeper processes) and its peak, CPU used
/// during the window as a percentage of one core, threads, and wake-ups (voluntary context
/// switches of every thread) per second, with the per-thread-name breakdown.
/// </summary>
internal sealed record IdleMeasurement(
    int Processes,
    long RssKb,
    long PeakRssKb,
    long PssKb,
    double CpuPercentOfOneCore,
    int Threads,
    double WakeupsPerSecond,
    IReadOnlyList<ThreadGroupActivity> ByThreadName,
    IReadOnlyList<MappingGroup> ByMapping,
    TimeSpan Window)
{
    public static async Task<IdleMeasurement> TakeAsync(IReadOnlyList<int> pids, TimeSpan window, long clockTicksPerSecond,
        CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var before = Sample(pids);
        var started = time.GetTimestamp();
        var peak = before.Sum(s => s.RssKb);
        // VmRSS once a second: its peak shows the GC's saw-tooth, which the end value can miss.
        while (time.GetElapsedTime(started) < window)
        {
            var left = window - time.GetElapsedTime(started);
            await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), time, cancellationToken);
            peak = Math.Max(peak, pids.Sum(p => ProcessSample.ReadRssKb(p) ?? 0));
        }
        var after = Sample(pids);
        var elapsed = time.GetElapsedTime(started);
        if (after.Count != pids.Count) throw new InvalidOperationException($"{pids.Count - after.Count} keeper processes ended during the idle window");

        var cpuTicks = after.Sum(a => a.CpuTicks) - before.Sum(b => b.CpuTicks);
        var threadsBefore = before.SelectMany(b => b.Threads).ToDictionary(t => t.Tid);
        var changes = after.SelectMany(a => a.Threads)
            .Where(t => threadsBefore.ContainsKey(t.Tid))
            .Select(t => (t.Name, Wakeups: t.Voluntary - threadsBefore[t.Tid].Voluntary,
                          Preempted: t.Involuntary - threadsBefore[t.Tid].Involuntary,
                          CpuNs: t.CpuNs - threadsBefore[t.Tid].CpuNs))
            .ToList();
        var seconds = elapsed.TotalSeconds;
        var groups = changes.GroupBy(c => c.Name)
            .Select(g => new ThreadGroupActivity(g.Key, g.Count(), g.Sum(c => c.Wakeups) / seconds,
                g.Sum(c => c.Preempted) / seconds, g.Sum(c => c.CpuNs) / 1e9 / seconds * 100))
            .OrderByDescending(g => g.WakeupsPerSecond)
            .ToList();
        return new IdleMeasurement(
            after.Count,
            after.Sum(a => a.RssKb),
            Math.Max(peak, after.Sum(a => a.RssKb)),
            after.Sum(a => a.PssKb),
            cpuTicks / (double)clockTicksPerSecond / seconds * 100,
            after.Sum(a => a.Threads.Count),
            changes.Sum(c => c.Wakeups) / seconds,
            groups,
            pids.Count == 1 ? MappingGroup.Read(pids[0]) : [],
            elapsed);
    }

    private static List<ProcessSample> Sample(IReadOnlyList<int> pids) =>
        [.. pids.Select(p => ProcessSample.Read(p)).OfType<ProcessSample>()];
}
