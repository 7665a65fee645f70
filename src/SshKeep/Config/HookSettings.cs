namespace SshKeep.Config;

/// <summary>Null is no hook.</summary>
internal sealed record HookSettings(
    HookCommand? OnUp = null,
    HookCommand? OnDown = null,
    HookCommand? OnNeedsAttention = null,
    double Timeout = 10);
