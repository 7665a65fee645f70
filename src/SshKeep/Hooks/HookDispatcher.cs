using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>Turns transitions into hook runs; <paramref name="enqueue"/> runs on a tunnel's loop and must not block.
/// The hooks of the config loaded last apply, so a reload that only changes hooks restarts no ssh; a tunnel no
/// longer in the file keeps its hooks until it is removed, so its stop still runs on_down.</summary>
internal sealed class HookDispatcher(Action<HookInvocation> enqueue)
{
    private readonly Lock _gate = new();
    private Dictionary<string, HookSettings> _current = new(StringComparer.Ordinal);

    public void Configure(SshKeepConfig config)
    {
        lock (_gate)
        {
            var hooks = config.Tunnels.ToDictionary(t => t.Name, t => t.Hooks, StringComparer.Ordinal);
            foreach (var (name, leaving) in _current) hooks.TryAdd(name, leaving);
            _current = hooks;
        }
    }

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

    /// <summary>In the order their hooks run; only a change of state counts, so a hook never runs twice for one change.</summary>
    public static IReadOnlyList<HookEvent> Events(TunnelTransition transition)
    {
        var (was, next) = (transition.Before.State, transition.After.State);
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
