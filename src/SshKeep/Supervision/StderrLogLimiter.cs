using SshKeep.Logging;

namespace SshKeep.Supervision;

/// <summary>A token bucket, so an endless stderr cannot fill the disk (docs/security.md). One per tunnel, kept
/// across its runs, so a restart does not refill the burst.</summary>
internal sealed class StderrLogLimiter(TimeProvider time) : LogLimiter(time, new LogLimit(Burst, PerSecond, ReportEvery))
{
    /// <summary>Enough for a <c>LogLevel=DEBUG</c> connect.</summary>
    public const int Burst = 200;

    public const int PerSecond = 2;

    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);
}
