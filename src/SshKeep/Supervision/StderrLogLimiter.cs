using SshKeep.Logging;

namespace SshKeep.Supervision;

/// <summary>
/// How many of a tunnel's ssh stderr lines reach the log: a token bucket, so an endless stderr
/// cannot fill the disk (docs/security.md); dropped lines are counted and reported. One per tunnel,
/// kept across its runs, so a restart does not refill the burst.
/// </summary>
internal sealed class StderrLogLimiter(TimeProvider time) : LogLimiter(time, new LogLimit(Burst, PerSecond, ReportEvery))
{
    /// <summary>Lines logged at once before the rate applies: enough for ssh's own chatter, even
    /// a <c>LogLevel=DEBUG</c> connect.</summary>
    public const int Burst = 200;

    /// <summary>Lines a second logged once the burst is spent.</summary>
    public const int PerSecond = 2;

    /// <summary>Dropped lines are reported at most this often.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);
}
