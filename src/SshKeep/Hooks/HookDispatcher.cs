using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>
/// Turns tunnel status changes into hook runs: <see cref="HookEventRule"/> says which events a
/// change fires, the tunnel's <see cref="HookSettings"/> say what to run, and each run goes to the
/// runner's queue (<paramref name="enqueue"/> must not block: it is called on a tunnel's loop).
/// The hooks of the config loaded last apply, so a reload that only changes hooks takes effect
/// without restarting any ssh; a tunnel no longer in the file keeps the hooks it was started with.
/// </summary>
internal sealed class HookDispatcher(Action<HookInvocation> enqueue, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Dictionary<string, HookSettings> _current = new(StringComparer.Ordinal);

    /// <summary>Takes the hooks of a newly loaded (or reloaded) config.</summary>
    public void Configure(SshKeepConfig config)
    {
        var hooks = config.Tunnels.ToDictionary(t => t.Name, t => t.Hooks, StringComparer.Ordinal);
        lock (_gate) _current = hooks;
    }

    /// <summary>An observer for one supervisor of <paramref name="tunnel"/>: it remembers the last
    /// status it saw, so give each supervisor its own.</summary>
    public HookObserver ObserverFor(TunnelConfig tunnel) => new(this, tunnel);

    internal void Fire(TunnelConfig tunnel, TunnelStatus? previous, TunnelStatus next)
    {
        var events = HookEventRule.Decide(previous, next);
        if (events.Count == 0) return;

        HookSettings hooks;
        lock (_gate) hooks = _current.GetValueOrDefault(tunnel.Name) ?? tunnel.Hooks;
        var now = time.GetUtcNow();
        foreach (var hookEvent in events)
        {
            if (HookEventNames.CommandFor(hooks, hookEvent) is { } command)
            {
                enqueue(new HookInvocation(tunnel.Name, hookEvent, command,
                    HookEnvironment.For(hookEvent, previous, next, now), TimeSpan.FromSeconds(hooks.Timeout)));
            }
        }
    }
}
