using SshKeep.Health;

namespace SshKeep.Metrics;

/// <summary>Failed probes too: one usually lands at its timeout, which is worth seeing.</summary>
internal sealed class ProbeDurations
{
    /// <summary>1 ms to 10 s: a probe over loopback takes a millisecond, one through a slow link
    /// hundreds, and probe_timeout is seconds.</summary>
    public static readonly IReadOnlyList<double> Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, Histogram> _byTunnel = new(StringComparer.Ordinal);

    public void Record(string tunnel, ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _byTunnel.GetOrAdd(tunnel, _ => new Histogram(Bounds)).Observe(Math.Max(0, result.Duration.TotalSeconds));
    }

    public HistogramReading Read(string tunnel) =>
        _byTunnel.TryGetValue(tunnel, out var histogram) ? histogram.Read() : Empty;

    private static readonly HistogramReading Empty = new Histogram(Bounds).Read();

    public void Forget(string tunnel) => _byTunnel.TryRemove(tunnel, out _);
}
