namespace SshKeep.Config;

/// <summary>A tunnel's event hooks, after defaults were applied. Null: no hook.</summary>
internal sealed record HookSettings
{
    /// <summary>Runs when the tunnel enters <c>up</c>.</summary>
    public HookCommand? OnUp { get; init; }

    /// <summary>Runs when the tunnel leaves <c>up</c> (for any other state, stopped included).</summary>
    public HookCommand? OnDown { get; init; }

    /// <summary>Runs when the tunnel enters <c>needs-attention</c>.</summary>
    public HookCommand? OnNeedsAttention { get; init; }

    /// <summary>Seconds a hook may run before it is killed (SIGTERM to its process group, then SIGKILL).</summary>
    public double Timeout { get; init; } = 10;
}
