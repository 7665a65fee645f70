namespace SshKeep.Metrics;

internal sealed record ProcessSample(long ResidentBytes, double CpuSeconds, int? OpenFds, double StartTimeSeconds)
{
    public static ProcessSample Current() =>
        new(Environment.WorkingSet, Environment.CpuUsage.TotalTime.TotalSeconds, CountOpenFds(), StartTime.Value);

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
