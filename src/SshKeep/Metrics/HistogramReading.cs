namespace SshKeep.Metrics;

/// <summary>A copy of a <see cref="Histogram"/>: cumulative counts per upper bound (the last is +Inf), sum and count.</summary>
internal sealed record HistogramReading(IReadOnlyList<KeyValuePair<double, long>> Buckets, double Sum, long Count);
