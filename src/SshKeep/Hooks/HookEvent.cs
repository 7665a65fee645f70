namespace SshKeep.Hooks;

/// <summary>What a hook is run for. Spelled for users by <see cref="HookEventNames"/>.</summary>
internal enum HookEvent
{
    /// <summary>The tunnel entered <c>up</c>.</summary>
    Up,

    /// <summary>The tunnel left <c>up</c>, for whatever state (stopped included).</summary>
    Down,

    /// <summary>The tunnel entered <c>needs-attention</c>: a person must act.</summary>
    NeedsAttention,
}
