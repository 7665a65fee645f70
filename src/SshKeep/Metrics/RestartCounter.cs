using SshKeep.Supervision;

namespace SshKeep.Metrics;

/// <summary>
/// <c>sshkeep_tunnel_restarts_total{tunnel,reason}</c>: counts per tunnel and reason, every reason
/// of <see cref="RestartReasons.All"/> present from the start at 0 (so a rate() over a reason that
/// has not happened yet is 0, not absent); and <c>sshkeep_tunnel_attempts_total{tunnel}</c>, every
/// ssh start (<see cref="RestartCounting"/>). Fed with every snapshot; thread-safe.
/// </summary>
public sealed class RestartCounter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TunnelStatus> _last = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _attempts = new(StringComparer.Ordinal);

    /// <summary>Counts the restarts between the last snapshot and this one; forgets tunnels no longer in it.</summary>
    public void Observe(IReadOnlyList<TunnelStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        lock (_gate)
        {
            foreach (var status in statuses)
            {
                var increment = RestartCounting.Between(_last.GetValueOrDefault(status.Name), status);
                _last[status.Name] = status;
                var counts = CountsOf(status.Name);
                _attempts[status.Name] = _attempts.GetValueOrDefault(status.Name) + increment.Attempts;
                if (increment.Count > 0)
                {
                    counts[increment.Reason!] += increment.Count;
                    _lastReason[status.Name] = increment.Reason!;
                }
            }

            var present = statuses.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _last.Keys.Where(n => !present.Contains(n)).ToList())
            {
                _last.Remove(gone);
                _counts.Remove(gone);
                _lastReason.Remove(gone);
                _attempts.Remove(gone);
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
