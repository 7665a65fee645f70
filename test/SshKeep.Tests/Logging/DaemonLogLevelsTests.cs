using Microsoft.Extensions.Logging;
using SshKeep.Logging;

namespace SshKeep.Tests.Logging;

public sealed class DaemonLogLevelsTests
{
    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("information", LogLevel.Information)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("warning", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("critical", LogLevel.Critical)]
    [InlineData(" debug ", LogLevel.Debug)]
    public void Log_level_names_are_read_in_any_case(string text, LogLevel expected)
    {
        Assert.True(DaemonLogLevels.TryParse(text, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("verbose")]
    [InlineData("7")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_log_level_names_are_refused(string? text)
    {
        Assert.False(DaemonLogLevels.TryParse(text, out _));
    }

    [Fact]
    public void Every_listed_name_parses_and_round_trips_through_the_json_name()
    {
        foreach (string name in DaemonLogLevels.Names)
        {
            Assert.True(DaemonLogLevels.TryParse(name, out var level));
            Assert.Equal(name, DaemonLogLevels.JsonName(level));
            Assert.Equal(5, DaemonLogLevels.TextName(level).Length);
        }
    }
}
