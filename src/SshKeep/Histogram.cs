namespace SshKeep;

/// <summary>A Prometheus histogram. Thread-safe.</summary>
internal sealed class Histogram
{
    private readonly Lock _gate = new();
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;

    /// <param name="bounds">Strictly increasing, finite; +Inf is implied.</param>
    public Histogram(IReadOnlyList<double> bounds)
    {
        if (bounds.Where((bound, i) => !double.IsFinite(bound) || (i > 0 && bound <= bounds[i - 1])).Any())
            throw new ArgumentException("bucket bounds must be finite and strictly increasing", nameof(bounds));
        _bounds = [.. bounds];
        _counts = new long[bounds.Count + 1];
    }

    public void Observe(double value)
    {
        // NaN would poison the sum forever; a probe duration is never one, but be safe.
        if (double.IsNaN(value)) return;
        int bucket = 0;
        while (bucket < _bounds.Length && value > _bounds[bucket]) bucket++;
        lock (_gate)
        {
            _counts[bucket]++;
            _sum += value;
        }
    }

    /// <summary>Counts not cumulative (<see cref="HistogramReading.Of"/>).</summary>
    public (long[] Counts, double Sum) Copy()
    {
        lock (_gate) return ([.. _counts], _sum);
    }

    public HistogramReading Read()
    {
        var (counts, sum) = Copy();
        return HistogramReading.Of(_bounds, counts, sum);
    }
}
