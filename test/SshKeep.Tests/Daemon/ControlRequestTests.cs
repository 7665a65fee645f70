using Microsoft.Extensions.Logging;
using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

public sealed class ControlRequestTests
{
    [Theory]
    // Only reading the state is quiet: a monitor may ask for it every few seconds (docs/daemon.md).
    [InlineData(ControlCommand.Status, LogLevel.Debug)]
    [InlineData(ControlCommand.Restart, LogLevel.Information)]
    [InlineData(ControlCommand.RetryNow, LogLevel.Information)]
    [InlineData(ControlCommand.Reload, LogLevel.Information)]
    [InlineData(ControlCommand.Stop, LogLevel.Information)]
    public void A_read_only_request_is_logged_at_debug_and_an_action_at_info(object commandRow, LogLevel level)
    {
        var command = (ControlCommand)commandRow;
        Assert.Equal(level, new ControlRequest(command).LogLevel);
    }

    [Fact]
    public void Every_command_has_a_wire_name_that_parses_back()
    {
        foreach (var command in Enum.GetValues<ControlCommand>())
        {
            Assert.True(KebabName.TryParse(KebabName.Of(command), out ControlCommand parsed));
            Assert.Equal(command, parsed);
        }
    }
}
