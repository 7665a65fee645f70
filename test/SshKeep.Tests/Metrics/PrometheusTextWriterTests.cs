using SshKeep.Metrics;

namespace SshKeep.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("a \"quote\"", "a \\\"quote\\\"")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    [InlineData("tab\tand ünïcode", "tab\tand ünïcode")]
    public void Label_values_escape_backslash_quote_and_newline_only(string value, string written)
    {
        Assert.Equal(written, PrometheusTextWriter.EscapeLabelValue(value));
    }

    [Theory]
    [InlineData("a \"quoted\" help", "a \"quoted\" help")]
    [InlineData("back\\slash\nnext", "back\\\\slash\\nnext")]
    public void Help_escapes_backslash_and_newline_but_not_quotes(string help, string written)
    {
        Assert.Equal(written, PrometheusTextWriter.EscapeHelp(help));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(0.25, "0.25")]
    [InlineData(1795347311.665, "1795347311.665")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Values_are_invariant_and_spell_infinities_as_the_format_does(double value, string written)
    {
        Assert.Equal(written, PrometheusTextWriter.FormatValue(value));
    }

    [Theory]
    [InlineData("sshkeep_tunnel_up", true)]
    [InlineData("a:b_c9", true)]
    [InlineData("_x", true)]
    [InlineData("9lives", false)]
    [InlineData("with-dash", false)]
    [InlineData("", false)]
    public void Metric_names_are_checked(string name, bool valid)
    {
        Assert.Equal(valid, PrometheusTextWriter.IsMetricName(name));
    }

    [Theory]
    [InlineData("tunnel", true)]
    [InlineData("_x", true)]
    [InlineData("__reserved", false)]
    [InlineData("a:b", false)]
    [InlineData("1a", false)]
    public void Label_names_are_checked(string name, bool valid)
    {
        Assert.Equal(valid, PrometheusTextWriter.IsLabelName(name));
    }

    [Fact]
    public void Hostile_label_values_survive_a_round_trip_through_the_strict_parser()
    {
        string[] values = ["plain", "a\"b", "c\\d", "e\nf", "} 1\nevil_metric 2", "\\n", ""];
        var writer = new PrometheusTextWriter();
        writer.Family("x_info", "gauge", "Help with \\ and\na newline.");
        for (int i = 0; i < values.Length; i++) writer.Sample("x_info", [new("v", values[i]), new("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], 1);

        var family = PrometheusText.Parse(writer.ToString())["x_info"];

        Assert.Equal("Help with \\ and\na newline.", family.Help);
        Assert.Equal(values, family.Samples.Select(s => s.Label("v")));
    }

    [Fact]
    public void A_family_written_twice_or_a_bad_name_is_a_bug_caught_at_once()
    {
        var writer = new PrometheusTextWriter();
        writer.Family("x", "gauge", "h");

        Assert.Throws<InvalidOperationException>(() => writer.Family("x", "gauge", "h"));
        Assert.Throws<ArgumentException>(() => writer.Family("bad-name", "gauge", "h"));
        Assert.Throws<ArgumentException>(() => writer.Family("y", "gauges", "h"));
        Assert.Throws<ArgumentException>(() => writer.Sample("x", [new("__l", "v")], 1));
    }
}
