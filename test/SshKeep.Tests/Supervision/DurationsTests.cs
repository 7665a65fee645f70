using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

public class DurationsTests
{
    [Theory]
    [InlineData(0.25, "250ms")]
    [InlineData(4, "4s")]
    [InlineData(4.5, "4.5s")]
    [InlineData(42, "42s")]
    [InlineData(192, "3m12s")]
    [InlineData(7500, "2h05m")]
    [InlineData(273600, "3d04h")]
    [InlineData(-3, "0ms")]
    public void Durations_are_short_and_readable(double seconds, string expected)
    {
        Assert.Equal(expected, Durations.Short(TimeSpan.FromSeconds(seconds)));
    }
}
