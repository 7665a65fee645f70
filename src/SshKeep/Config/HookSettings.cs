namespace SshKeep.Config;

/// <summary>Null is no hook. Each value's key, bounds and meaning: the <c>hooks.*</c> entries of <see cref="ConfigKeys.All"/>.</summary>
internal sealed record HookSettings(
    HookCommand? OnUp = null,
    HookCommand? OnDown = null,
    HookCommand? OnNeedsAttention = null,
    double Timeout = 10);
