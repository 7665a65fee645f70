using SshKeep.Supervision;

namespace SshKeep.Metrics;

/// <summary>docs/observability.md, "Restarts and attempts"; every reason is there from the start at 0, so a rate()
/// over it is 0, not absent. Thread-safe.</summary>
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

            var increment = Of(transition);
            _attempts[name] = _attempts.GetValueOrDefault(name) + increment.Attempts;
            if (increment.Count > 0)
            {
                var counts = _counts.GetValueOrDefault(name)
                    ?? (_counts[name] = RestartReasons.All.ToDictionary(r => r, _ => 0L, StringComparer.Ordinal));
                counts[increment.Reason!] += increment.Count;
                _lastReason[name] = increment.Reason!;
            }
        }
    }

    public IReadOnlyList<KeyValuePair<string, long>> Read(string tunnel)
    {
        lock (_gate)
        {
            var counts = _counts.GetValueOrDefault(tunnel);
            return [.. RestartReasons.All.Select(r => new KeyValuePair<string, long>(r, counts?[r] ?? 0))];
        }
    }

    public long Attempts(string tunnel)
    {
        lock (_gate) return _attempts.GetValueOrDefault(tunnel);
    }

    public string? LastReason(string tunnel)
    {
        lock (_gate) return _lastReason.GetValueOrDefault(tunnel);
    }

    /// <summary>What the counts grew by from before to after, so nothing is lost however close together changes come.</summary>
    public static Increment Of(TunnelTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var (before, after) = (transition.Before, transition.After);
        // A listing carries no change of counts (and its Before may be older than the fold's).
        if (transition.Reason is TransitionReasons.Listed or TransitionReasons.Removed) return Increment.None;
        int restarts = Math.Max(0, after.Restarts - before.Restarts);
        int attempts = Math.Max(0, after.Attempts - before.Attempts);
        return new Increment(restarts, restarts > 0 ? ReasonOf(after) : null, attempts);
    }

    private static string ReasonOf(TunnelStatus next) =>
        next.LastRestartReason is { } reason && RestartReasons.All.Contains(reason) ? reason : RestartReasons.Exited;

    public sealed record Increment(int Count, string? Reason, int Attempts = 0)
    {
        public static readonly Increment None = new(0, null);
    }
}
