namespace SshKeep;

/// <summary>Cumulative counts per upper bound, the last +Inf.</summary>
internal sealed record HistogramReading(IReadOnlyList<KeyValuePair<double, long>> Buckets, double Sum, long Count)
{
    /// <param name="counts">Per bucket alone, one more than <paramref name="bounds"/>: the last is above every bound.</param>
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
