using SshKeep.Config;

namespace SshKeep.Hooks;

/// <summary>The one spelling of each <see cref="HookEvent"/> (SSHKEEP_EVENT, logs), and its hook.</summary>
internal static class HookEventNames
{
    public static string ToName(HookEvent hookEvent) => KebabName.Of(hookEvent);

    /// <summary>The command configured for the event, or null when none is.</summary>
    public static HookCommand? CommandFor(HookSettings hooks, HookEvent hookEvent) => hookEvent switch
    {
        HookEvent.Up => hooks.OnUp,
        HookEvent.Down => hooks.OnDown,
        HookEvent.NeedsAttention => hooks.OnNeedsAttention,
        _ => throw new ArgumentOutOfRangeException(nameof(hookEvent), hookEvent, "Not a hook event."),
    };
}
