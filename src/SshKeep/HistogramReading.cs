namespace SshKeep;

/// <summary>A copy of a <see cref="Histogram"/>: cumulative counts per upper bound (the last is +Inf), sum and count.</summary>
internal sealed record HistogramReading(IReadOnlyList<KeyValuePair<double, long>> Buckets, double Sum, long Count)
{
    /// <summary>From the count of each bucket alone (not cumulative), one more than <paramref name="bounds"/>: the last
    /// counts the observations above every bound.</summary>
    public static HistogramReading Of(IReadOnlyList<double> bounds, IReadOnlyList<long> counts, double sum)
    {
        var cumulative = new List<KeyValuePair<double, long>>(counts.Count);
        long running = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            running += counts[i];
            cumulative.Add(new(i < bounds.Count ? bounds[i] : double.PositiveInfinity, running));
        }
        return new HistogramReading(cumulative, sum, running);
    }
}
