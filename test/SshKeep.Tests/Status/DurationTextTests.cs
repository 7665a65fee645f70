using SshKeep.Status;

namespace SshKeep.Tests.Status;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.999, "0s")]
    [InlineData(1, "1s")]
    [InlineData(59.9, "59s")]
    [InlineData(60, "1m00s")]
    [InlineData(192, "3m12s")]
    [InlineData(3599, "59m59s")]
    [InlineData(3600, "1h00m")]
    [InlineData(7500, "2h05m")]
    [InlineData(86399, "23h59m")]
    [InlineData(86400, "1d00h")]
    [InlineData(273600, "3d04h")]
    [InlineData(400 * 86400, "400d00h")]
    [InlineData(-5, "0s")]
    public void Elapsed_time_is_rounded_down_to_two_units(double seconds, string text) =>
        Assert.Equal(text, DurationText.Elapsed(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.001, "1s")]
    [InlineData(1.5, "2s")]
    [InlineData(4, "4s")]
    [InlineData(59.5, "1m00s")]
    [InlineData(270, "4m30s")]
    [InlineData(-1, "0s")]
    public void Remaining_time_is_rounded_up_so_a_pending_retry_never_shows_zero(double seconds, string text) =>
        Assert.Equal(text, DurationText.Remaining(TimeSpan.FromSeconds(seconds)));
}
