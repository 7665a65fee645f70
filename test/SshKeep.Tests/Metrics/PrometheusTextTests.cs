namespace SshKeep.Tests.Metrics;

/// <summary>The test parser is strict: what it refuses, it refuses with the line and the reason.</summary>
public sealed class PrometheusTextTests
{
    private const string Good = """
        # HELP a_total Things.
        # TYPE a_total counter
        a_total{x="1"} 3
        # HELP h Durations.
        # TYPE h histogram
        h_bucket{le="0.1"} 1
        h_bucket{le="1"} 2
        h_bucket{le="+Inf"} 2
        h_sum 0.6
        h_count 2

        """;

    [Fact]
    public void A_well_formed_exposition_parses_into_families_and_samples()
    {
        var families = PrometheusText.Parse(Good.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");

        Assert.Equal(["a_total", "h"], families.Keys);
        Assert.Equal("counter", families["a_total"].Type);
        Assert.Equal(3, families["a_total"].Samples.Single().Value);
        Assert.Equal("1", families["a_total"].Samples.Single().Label("x"));
        Assert.Equal(5, families["h"].Samples.Count);
    }

    [Theory]
    [InlineData("# TYPE g gauge\ng 1", "newline")]
    [InlineData("# TYPE g gauge\n\ng 1\n", "blank line")]
    [InlineData("g 1\n", "before its family")]
    [InlineData("# TYPE g gauge\ng 1\n", "samples without HELP and TYPE")]
    [InlineData("# HELP g x\n# TYPE g gauge\ng 1\ng 2\n", "twice")]
    [InlineData("# HELP g x\n# TYPE g gauge\ng{a=\"1\",a=\"2\"} 1\n", "label a twice")]
    [InlineData("# HELP g x\n# TYPE g gauge\ng{a=\"\\t\"} 1\n", "unknown escape")]
    [InlineData("# HELP g x\n# TYPE g gauge\ng{__a=\"1\"} 1\n", "not a label name")]
    [InlineData("# HELP g x\n# TYPE g gauge\ng 1,5\n", "not a number")]
    [InlineData("# HELP g x\n# TYPE g wobbly\ng 1\n", "unknown type")]
    [InlineData("# HELP c x\n# TYPE c counter\nc 1\n", "does not end in _total")]
    [InlineData("# HELP c_total x\n# TYPE c_total counter\nc_total -1\n", "counter c_total is -1")]
    [InlineData("# HELP g x\n# TYPE g gauge\n# HELP f x\n# TYPE f gauge\nf 1\ng 1\n", "not next to the rest")]
    [InlineData("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "fewer than the one before")]
    [InlineData("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 2\n", "is not _count")]
    [InlineData("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "not le=\"+Inf\"")]
    [InlineData("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not above")]
    [InlineData("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "no _sum")]
    public void Malformed_text_is_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
