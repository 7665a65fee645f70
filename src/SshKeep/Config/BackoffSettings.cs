namespace SshKeep.Config;

/// <summary>How fast a failing tunnel is retried (design: recovery).</summary>
internal sealed record BackoffSettings
{
    /// <summary>First wait in seconds; each failure doubles the ceiling (full jitter below it).</summary>
    public double Initial { get; init; } = 0.5;

    /// <summary>Largest wait in seconds.</summary>
    public double Max { get; init; } = 30;

    /// <summary>Seconds a tunnel must stay up before the back-off resets.</summary>
    public double StablePeriod { get; init; } = 30;

    /// <summary>Seconds between retries while a tunnel needs attention (a permanent failure).</summary>
    public double NeedsAttentionRetry { get; init; } = 300;

    /// <summary>Seconds between retries while the server still holds a remote port.</summary>
    public double RemotePortRetry { get; init; } = 2;
}
