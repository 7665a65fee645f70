using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>Turns tunnel transitions into hook runs (docs/config.md "hooks"); <paramref name="enqueue"/> must not block,
/// it is called on a tunnel's loop. The hooks of the config loaded last apply, so a reload that only changes hooks
/// restarts no ssh; a tunnel no longer in the file keeps its hooks until it is removed, so its stop still runs on_down.</summary>
internal sealed class HookDispatcher(Action<HookInvocation> enqueue)
{
    private readonly Lock _gate = new();
    private Dictionary<string, HookSettings> _current = new(StringComparer.Ordinal);

    /// <summary>Takes the hooks of a newly loaded (or reloaded) config.</summary>
    public void Configure(SshKeepConfig config)
    {
        lock (_gate)
        {
            var hooks = config.Tunnels.ToDictionary(t => t.Name, t => t.Hooks, StringComparer.Ordinal);
            foreach (var (name, leaving) in _current) hooks.TryAdd(name, leaving);
            _current = hooks;
        }
    }

    /// <summary>Queues the hooks <paramref name="transition"/> fires.</summary>
    public void Fire(TunnelTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        HookSettings? hooks;
        lock (_gate)
        {
            if (transition.Reason == TransitionReasons.Removed)
            {
                _current.Remove(transition.Tunnel);
                return;
            }
            hooks = _current.GetValueOrDefault(transition.Tunnel);
        }

        if (hooks is null) return;
        foreach (var hookEvent in Events(transition))
        {
            var command = hookEvent switch
            {
                HookEvent.Up => hooks.OnUp,
                HookEvent.Down => hooks.OnDown,
                _ => hooks.OnNeedsAttention,
            };
            if (command is not null)
            {
                enqueue(new HookInvocation(transition.Tunnel, hookEvent, command,
                    HookEnvironment.For(hookEvent, transition), TimeSpan.FromSeconds(hooks.Timeout)));
            }
        }
    }

    /// <summary>The events <paramref name="transition"/> fires, in the order their hooks run: only a change of state
    /// counts (a new error line, pid or retry time, or the daemon's listing, fires nothing), so a hook never runs twice
    /// for one change. Up to needs-attention runs on_down, then on_needs_attention.</summary>
    public static IReadOnlyList<HookEvent> Events(TunnelTransition transition)
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
