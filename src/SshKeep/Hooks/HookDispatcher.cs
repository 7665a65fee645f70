using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>
/// Turns tunnel transitions into hook runs: <see cref="HookEventRule"/> says which events a
/// transition fires, the tunnel's <see cref="HookSettings"/> say what to run, and each run goes to
/// the runner's queue (<paramref name="enqueue"/> must not block: it is called on a tunnel's loop).
/// Each tunnel's transitions come one at a time and in order, so its hooks are queued in the order
/// of its changes. The hooks of the config loaded last apply, so a reload that only changes hooks
/// takes effect without restarting any ssh; a tunnel no longer in the file keeps its hooks until
/// it is removed (<see cref="TransitionReasons.Removed"/>), so its stop still runs its on_down.
/// </summary>
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
        foreach (var hookEvent in HookEventRule.Decide(transition))
        {
            if (HookEventNames.CommandFor(hooks, hookEvent) is { } command)
            {
                enqueue(new HookInvocation(transition.Tunnel, hookEvent, command,
                    HookEnvironment.For(hookEvent, transition), TimeSpan.FromSeconds(hooks.Timeout)));
            }
        }
    }
}
