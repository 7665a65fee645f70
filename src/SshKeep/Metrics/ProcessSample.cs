namespace SshKeep.Metrics;

/// <summary>The standard <c>process_*</c> metrics of this process, read when a scrape asks.</summary>
internal sealed record ProcessSample(long ResidentBytes, double CpuSeconds, int? OpenFds, double StartTimeSeconds)
{
    /// <summary>Reads this process: resident memory and CPU time from the runtime, open file
    /// descriptors from /proc/self/fd (null where there is no /proc), start time from the kernel.</summary>
    public static ProcessSample Current() =>
        new(Environment.WorkingSet, Environment.CpuUsage.TotalTime.TotalSeconds, CountOpenFds(), StartTime.Value);

    /// <summary>The start time never changes: read from the kernel once, at the first scrape.</summary>
    private static readonly Lazy<double> StartTime = new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    });

    private static int? CountOpenFds()
    {
        try
        {
            // The enumeration's own descriptor is counted too, as the Prometheus clients do.
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
