using SshKeep.Supervision;

namespace SshKeep.Metrics;

/// <summary>
/// <c>sshkeep_tunnel_restarts_total{tunnel,reason}</c>: counts per tunnel and reason, every reason
/// of <see cref="RestartReasons.All"/> present from the start at 0 (so a rate() over a reason that
/// has not happened yet is 0, not absent); and <c>sshkeep_tunnel_attempts_total{tunnel}</c>, every
/// ssh start: a fold of the transitions (<see cref="RestartCounting"/>); a tunnel removed from
/// the file is forgotten. Thread-safe.
/// </summary>
internal sealed class RestartCounter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, long>> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _attempts = new(StringComparer.Ordinal);

    public void Observe(TunnelTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var name = transition.Tunnel;
        lock (_gate)
        {
            if (transition.Reason == TransitionReasons.Removed)
            {
                _counts.Remove(name);
                _lastReason.Remove(name);
                _attempts.Remove(name);
                return;
            }

            var increment = RestartCounting.Of(transition);
            var counts = CountsOf(name);
            _attempts[name] = _attempts.GetValueOrDefault(name) + increment.Attempts;
            if (increment.Count > 0)
            {
                counts[increment.Reason!] += increment.Count;
                _lastReason[name] = increment.Reason!;
            }
        }
    }

    /// <summary>Every reason with its count, in <see cref="RestartReasons.All"/> order; zeros for an unknown tunnel.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Read(string tunnel)
    {
        lock (_gate)
        {
            var counts = _counts.GetValueOrDefault(tunnel);
            return [.. RestartReasons.All.Select(r => new KeyValuePair<string, long>(r, counts?[r] ?? 0))];
        }
    }

    /// <summary>ssh starts of the tunnel counted so far; 0 for an unknown tunnel.</summary>
    public long Attempts(string tunnel)
    {
        lock (_gate) return _attempts.GetValueOrDefault(tunnel);
    }

    /// <summary>The reason of the last restart counted for the tunnel, or null.</summary>
    public string? LastReason(string tunnel)
    {
        lock (_gate) return _lastReason.GetValueOrDefault(tunnel);
    }

    private Dictionary<string, long> CountsOf(string tunnel)
    {
        if (!_counts.TryGetValue(tunnel, out var counts))
        {
            counts = RestartReasons.All.ToDictionary(r => r, _ => 0L, StringComparer.Ordinal);
            _counts[tunnel] = counts;
        }
        return counts;
    }
}
