namespace SshKeep.Metrics;

/// <summary>A Prometheus histogram: observations at or below each upper bound, their sum and count. Thread-safe;
/// <see cref="Read"/> gives a consistent copy with cumulative counts, the last one +Inf.</summary>
internal sealed class Histogram
{
    private readonly Lock _gate = new();
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    /// <param name="bounds">Upper bounds, strictly increasing, finite; +Inf is implied.</param>
    public Histogram(IReadOnlyList<double> bounds)
    {
        for (int i = 0; i < bounds.Count; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
                throw new ArgumentException("bucket bounds must be finite and strictly increasing", nameof(bounds));
        }
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
            _count++;
        }
    }

    public HistogramReading Read()
    {
        lock (_gate)
        {
            var cumulative = new List<KeyValuePair<double, long>>(_counts.Length);
            long running = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative.Add(new(i < _bounds.Length ? _bounds[i] : double.PositiveInfinity, running));
            }
            return new HistogramReading(cumulative, _sum, _count);
        }
    }
}
