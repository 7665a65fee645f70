namespace SshKeep.Config;

/// <summary>In seconds. Each value's key, bounds and meaning: the <c>backoff.*</c> entries of <see cref="ConfigKeys.All"/>.</summary>
internal sealed record BackoffSettings(
    double Initial = 0.5,
    double Max = 30,
    double StablePeriod = 30,
    double NeedsAttentionRetry = 300,
    double RemotePortRetry = 2);
