namespace SshKeep.Hooks;

/// <summary><c>on_up</c>, <c>on_down</c>, <c>on_needs_attention</c> (docs/config.md, "hooks").</summary>
internal enum HookEvent
{
    Up,
    Down,
    NeedsAttention,
}
