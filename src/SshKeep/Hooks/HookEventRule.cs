using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>
/// Which hooks a change of a tunnel's status fires: <c>up</c> when it enters Up, <c>down</c> when it
/// leaves Up, <c>needs-attention</c> when it enters NeedsAttention. Only a change of state counts:
/// a new error line, pid or retry time in the same state fires nothing, so a hook never runs twice
/// for one transition. Pure; tested as a table.
/// </summary>
internal static class HookEventRule
{
    /// <summary>The events, in the order their hooks run (a tunnel that goes from up straight to
    /// needs-attention runs on_down, then on_needs_attention).</summary>
    /// <param name="previous">The status the hooks last saw; null before the tunnel's first
    /// status, when it is starting (every tunnel begins there).</param>
    public static IReadOnlyList<HookEvent> Decide(TunnelStatus? previous, TunnelStatus next)
    {
        var was = previous?.State ?? TunnelState.Starting;
        if (was == next.State)
        {
            return [];
        }

        var events = new List<HookEvent>(2);
        if (was == TunnelState.Up)
        {
            events.Add(HookEvent.Down);
        }

        if (next.State == TunnelState.Up)
        {
            events.Add(HookEvent.Up);
        }
        else if (next.State == TunnelState.NeedsAttention)
        {
            events.Add(HookEvent.NeedsAttention);
        }

        return events;
    }
}
