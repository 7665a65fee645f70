namespace SshKeep.Tests;

public sealed class HistogramTests
{
    [Theory]
    [InlineData(new double[] { }, new long[] { 0, 0, 0, 0 })]
    [InlineData(new double[] { 0.5 }, new long[] { 1, 1, 1, 1 })]
    [InlineData(new double[] { 1 }, new long[] { 1, 1, 1, 1 })]            // a bound is inclusive (le)
    [InlineData(new double[] { 1.0001 }, new long[] { 0, 1, 1, 1 })]
    [InlineData(new double[] { 0.1, 2, 7, 11 }, new long[] { 1, 2, 3, 4 })]
    [InlineData(new double[] { 99, 99 }, new long[] { 0, 0, 0, 2 })]       // above the last bound: +Inf only
    public void Buckets_are_cumulative_and_end_with_inf_equal_to_the_count(double[] observed, long[] buckets)
    {
        var histogram = new Histogram([1, 5, 10]);
        foreach (var value in observed) histogram.Observe(value);

        var reading = histogram.Read();

        Assert.Equal(buckets, reading.Buckets.Select(b => b.Value));
        Assert.Equal([1, 5, 10, double.PositiveInfinity], reading.Buckets.Select(b => b.Key));
        Assert.Equal(observed.Length, reading.Count);
        Assert.Equal(observed.Sum(), reading.Sum, 9);
    }

    [Theory]
    [InlineData(new long[] { 0, 0, 0, 0 }, new long[] { 0, 0, 0, 0 })]
    [InlineData(new long[] { 1, 0, 2, 0 }, new long[] { 1, 1, 3, 3 })]
    [InlineData(new long[] { 0, 0, 0, 5 }, new long[] { 0, 0, 0, 5 })]     // above the last bound: +Inf only
    public void A_reading_from_counts_per_bucket_is_cumulative_with_inf_equal_to_the_count(long[] counts, long[] buckets)
    {
        var reading = HistogramReading.Of([1, 5, 10], counts, 2.5);

        Assert.Equal(buckets, reading.Buckets.Select(b => b.Value));
        Assert.Equal([1, 5, 10, double.PositiveInfinity], reading.Buckets.Select(b => b.Key));
        Assert.Equal(counts.Sum(), reading.Count);
        Assert.Equal(2.5, reading.Sum);
    }

    [Fact]
    public void Bounds_must_increase()
    {
        Assert.Throws<ArgumentException>(() => new Histogram([1, 1]));
        Assert.Throws<ArgumentException>(() => new Histogram([2, 1]));
        Assert.Throws<ArgumentException>(() => new Histogram([1, double.PositiveInfinity]));
    }
}
