namespace SshKeep.Config;

/// <summary>In seconds.</summary>
internal sealed record BackoffSettings(
    double Initial = 0.5,
    double Max = 30,
    double StablePeriod = 30,
    double NeedsAttentionRetry = 300,
    double RemotePortRetry = 2);
