namespace SshKeep.Hooks;

/// <summary>What a hook is run for (<c>on_up</c>, <c>on_down</c>, <c>on_needs_attention</c> in
/// docs/config.md "hooks"); spelled for users by <see cref="KebabName"/>.</summary>
internal enum HookEvent
{
    Up,
    Down,
    NeedsAttention,
}
