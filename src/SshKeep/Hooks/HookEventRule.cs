using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>
/// Which hooks a transition fires: <c>up</c> when the tunnel enters Up, <c>down</c> when it leaves
/// Up, <c>needs-attention</c> when it enters NeedsAttention. Only a change of state counts: a new
/// error line, pid or retry time in the same state fires nothing, nor does the daemon's listing of
/// a tunnel, so a hook never runs twice for one change. Pure; tested as a table.
/// </summary>
internal static class HookEventRule
{
    /// <summary>The events, in the order their hooks run (a tunnel that goes from up straight to
    /// needs-attention runs on_down, then on_needs_attention).</summary>
    public static IReadOnlyList<HookEvent> Decide(TunnelTransition transition)
    {
        var (was, next) = (transition.From, transition.After.State);
        if (was == next) return [];
        HookEvent[] left = was == TunnelState.Up ? [HookEvent.Down] : [];
        HookEvent[] entered = next switch
        {
            TunnelState.Up => [HookEvent.Up],
            TunnelState.NeedsAttention => [HookEvent.NeedsAttention],
            _ => [],
        };
        return [.. left, .. entered];
    }
}
