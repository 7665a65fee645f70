namespace SshKeep.Logging;

/// <summary>How many lines of one kind reach the log when they come in a flood (docs/security.md).</summary>
/// <param name="Burst">Lines logged at once.</param>
/// <param name="PerSecond">Lines a second once the burst is spent, as a token bucket; 0 for a fixed
/// window instead, whose burst comes back whole when the window closes.</param>
/// <param name="ReportEvery">Lines left out are reported at most this often: from the first of
/// them (a bucket), or from the window's first line (a window, which it also closes).</param>
internal sealed record LogLimit(int Burst, int PerSecond, TimeSpan ReportEvery)
{
    public bool Windowed => PerSecond == 0;
}
