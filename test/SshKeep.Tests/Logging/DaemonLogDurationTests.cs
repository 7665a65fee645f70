using SshKeep.Logging;

namespace SshKeep.Tests.Logging;

public sealed class DaemonLogDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.04, "0s")]
    [InlineData(0.4, "0.4s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(4, "4s")]
    [InlineData(3.96, "4s")]
    [InlineData(9.94, "9.9s")]
    [InlineData(9.96, "10s")]
    [InlineData(42.4, "42s")]
    [InlineData(59.4, "59s")]
    [InlineData(59.6, "1m00s")]
    [InlineData(60, "1m00s")]
    [InlineData(192, "3m12s")]
    [InlineData(3599.4, "59m59s")]
    [InlineData(3599.6, "1h00m")]
    [InlineData(3600 + 300, "1h05m")]
    [InlineData(7200 + 29, "2h00m")]
    [InlineData(7200 + 61, "2h01m")]
    [InlineData(86400, "1d00h")]
    [InlineData(3 * 86400 + 4 * 3600 + 10, "3d04h")]
    [InlineData(-5, "0s")]
    public void Durations_read_in_the_status_form_with_a_tenth_under_ten_seconds(double seconds, string expected)
    {
        var duration = new DaemonDuration(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, duration.ToString());
        Assert.Equal(expected, $"{duration}");
    }

    [Fact]
    public void Json_value_is_seconds_to_the_millisecond()
    {
        Assert.Equal(192.346, ((DaemonDuration)TimeSpan.FromSeconds(192.3456)).TotalSeconds);
        Assert.Equal(4, ((DaemonDuration)TimeSpan.FromSeconds(4)).TotalSeconds);
    }
}
