using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>The daemon's tunnels, in the file's order, folded from the transitions (docs/daemon.md, "Transitions
/// are the only news"): status.json, STATUS= and READY=1 read one fold, so they never disagree.</summary>
internal static class StatusFold
{
    public static IReadOnlyList<ListedTunnel> Apply(IReadOnlyList<ListedTunnel> tunnels, TunnelTransition transition)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        ArgumentNullException.ThrowIfNull(transition);
        int index = tunnels.ToList().FindIndex(t => t.Status.Name == transition.Tunnel);
        var known = index < 0 ? null : tunnels[index];
        switch (transition.Reason)
        {
            case TransitionReasons.Removed:
                return index < 0 ? tunnels : [.. tunnels.Where((_, i) => i != index)];
            case TransitionReasons.Listed:
                // Listed in file order: each one moves behind the ones listed before it.
                return [.. tunnels.Where((_, i) => i != index), known ?? new ListedTunnel(transition.After)];
        }

        var after = transition.After;
        var next = new ListedTunnel(after,
            (known?.EverUp ?? false) || after.State == TunnelState.Up,
            (known?.Attempted ?? false) || after.State is not (TunnelState.Starting or TunnelState.Stopped));
        return index < 0 ? [.. tunnels, next] : [.. tunnels.Select((t, i) => i == index ? next : t)];
    }
}
