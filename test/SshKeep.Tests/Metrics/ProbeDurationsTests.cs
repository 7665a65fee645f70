using SshKeep.Metrics;

namespace SshKeep.Tests.Metrics;

public sealed class ProbeDurationsTests
{
    [Fact]
    public void Probe_buckets_span_a_millisecond_to_ten_seconds()
    {
        Assert.Equal(0.001, ProbeDurations.Bounds[0]);
        Assert.Equal(10, ProbeDurations.Bounds[^1]);
    }
}
