namespace SshKeep.Logging;

/// <summary>How many lines of one kind reach the log when they come in a flood (docs/security.md).</summary>
/// <param name="PerSecond">A token bucket's rate; 0 for a fixed window whose burst comes back whole when it closes.</param>
internal sealed record LogLimit(int Burst, int PerSecond, TimeSpan ReportEvery)
{
    public bool Windowed => PerSecond == 0;
}
