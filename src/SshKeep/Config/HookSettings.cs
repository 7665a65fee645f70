namespace SshKeep.Config;

/// <summary>A tunnel's event hooks, after defaults were applied; null is no hook. When each runs,
/// and the seconds one may run before it is killed: the <c>hooks.*</c> entries of <see cref="ConfigKeys.All"/>.</summary>
internal sealed record HookSettings(
    HookCommand? OnUp = null,
    HookCommand? OnDown = null,
    HookCommand? OnNeedsAttention = null,
    double Timeout = 10);
