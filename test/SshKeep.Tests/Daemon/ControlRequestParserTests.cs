using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

public sealed class ControlRequestParserTests
{
    [Theory]
    [InlineData("status", ControlCommand.Status, null)]
    [InlineData("reload", ControlCommand.Reload, null)]
    [InlineData("stop", ControlCommand.Stop, null)]
    [InlineData("retry-now", ControlCommand.RetryNow, null)]
    [InlineData("retry-now db", ControlCommand.RetryNow, "db")]
    [InlineData("restart db", ControlCommand.Restart, "db")]
    [InlineData("  restart \t db.eu_1-a \r", ControlCommand.Restart, "db.eu_1-a")]
    [InlineData("{\"command\":\"status\"}", ControlCommand.Status, null)]
    [InlineData("{\"command\":\"restart\",\"tunnel\":\"db\"}", ControlCommand.Restart, "db")]
    [InlineData("{ \"tunnel\": \"db\", \"command\": \"retry-now\" }", ControlCommand.RetryNow, "db")]
    [InlineData("{\"command\":\"retry-now\",\"tunnel\":null}", ControlCommand.RetryNow, null)]
    public void Words_and_json_both_make_requests(string line, object commandRow, string? tunnel)
    {
        var command = (ControlCommand)commandRow;
        Assert.True(ControlRequestParser.TryParse(line, out var request, out var failure), failure?.Message);

        Assert.Equal(new ControlRequest(command, tunnel), request);
    }

    [Theory]
    [InlineData("", "bad-request", "empty request")]
    [InlineData("   \r", "bad-request", "empty request")]
    [InlineData("restart", "bad-request", "restart needs a tunnel name")]
    [InlineData("status db", "bad-request", "status takes no tunnel name")]
    [InlineData("reload now", "bad-request", "reload takes no tunnel name")]
    [InlineData("stop db", "bad-request", "stop takes no tunnel name")]
    [InlineData("restart db web", "bad-request", "too many words")]
    [InlineData("restart ../etc", "bad-request", "is not a tunnel name")]
    [InlineData("restart d\u001bb", "bad-request", "\"d?b\" is not a tunnel name")]
    [InlineData("launch-missiles", "unknown-command", "unknown command \"launch-missiles\"")]
    [InlineData("STATUS", "unknown-command", "unknown command \"STATUS\"")]
    [InlineData("{", "bad-request", "not valid JSON")]
    [InlineData("{\"command\":\"status\"} trailing", "bad-request", "not valid JSON")]
    [InlineData("{}", "bad-request", "\"command\" is missing")]
    [InlineData("{\"command\":7}", "bad-request", "\"command\" must be a string")]
    [InlineData("{\"command\":\"restart\",\"tunnel\":[1]}", "bad-request", "\"tunnel\" must be a string or null")]
    [InlineData("{\"command\":\"status\",\"force\":true}", "bad-request", "unknown field \"force\"")]
    [InlineData("{\"command\":\"status\",\"command\":\"stop\"}", "bad-request", "\"command\" is given twice")]
    [InlineData("{\"command\":\"reboot\"}", "unknown-command", "unknown command \"reboot\"")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", "bad-request", "not valid JSON")]
    public void Anything_else_is_an_answerable_failure(string line, string error, string messagePart)
    {
        Assert.False(ControlRequestParser.TryParse(line, out var request, out var failure));

        Assert.Null(request);
        Assert.False(failure.Ok);
        Assert.Equal(error, failure.Error);
        Assert.Contains(messagePart, failure.Message);
    }

    [Fact]
    public void A_long_tunnel_name_is_refused_and_echoed_only_in_part()
    {
        string name = new('a', ControlRequestParser.MaxTunnelNameLength + 1);

        Assert.False(ControlRequestParser.TryParse("restart " + name, out _, out var failure));

        Assert.Contains(new string('a', 64) + "…\" is not a tunnel name", failure.Message);
        Assert.True(ControlRequestParser.IsValidTunnelName(name[1..]));
    }

    [Theory]
    [InlineData(ControlCommand.Status, null, "{\"command\":\"status\"}\n")]
    [InlineData(ControlCommand.Restart, "db", "{\"command\":\"restart\",\"tunnel\":\"db\"}\n")]
    [InlineData(ControlCommand.RetryNow, null, "{\"command\":\"retry-now\"}\n")]
    [InlineData(ControlCommand.Reload, null, "{\"command\":\"reload\"}\n")]
    [InlineData(ControlCommand.Stop, null, "{\"command\":\"stop\"}\n")]
    public void A_request_is_sent_as_one_json_line_that_parses_back(object commandRow, string? tunnel, string line)
    {
        var command = (ControlCommand)commandRow;
        var request = new ControlRequest(command, tunnel);

        Assert.Equal(line, request.ToLine());
        Assert.True(ControlRequestParser.TryParse(line, out var parsed, out _));
        Assert.Equal(request, parsed);
    }
}
