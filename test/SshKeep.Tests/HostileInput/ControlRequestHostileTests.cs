using SshKeep.Daemon;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// Random and malformed request lines through <see cref="ControlRequestParser.TryParse"/>: each is
/// a request the daemon knows, or an answerable failure whose message is one short printable line
/// (it goes back to the client and into the log), never an exception.
/// </summary>
public sealed class ControlRequestHostileTests
{
    private static readonly string[] Commands = ["status", "restart", "retry-now", "reload", "stop", "STATUS", "statu", "", "restart-now"];

    private static readonly string[] JsonValues =
    [
        "null", "true", "1", "-0", "1e999", "\"\"", "\"db\"", "[]", "{}", "[\"status\"]", "{\"command\":\"status\"}", "\"\\u0000\"",
        "\"\\ud800\"", "\"\\u001b[2J\"", "\"\\u0085\"", "NaN", "'status'", "\"status", "status\"",
    ];

    public static TheoryData<int> Seeds => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_lines_are_requests_or_one_line_failures(int seed) =>
        Property.ForAll(seed, 300, Next, Check);

    [Theory]
    [InlineData(10)]
    [InlineData(10_000)]
    public void Deeply_nested_json_is_a_bad_request(int depth)
    {
        var line = "{\"command\":" + new string('[', depth) + new string(']', depth) + "}";

        Assert.False(ControlRequestParser.TryParse(line, out _, out var failure));

        Assert.Equal(ControlErrors.BadRequest, failure.Error);
        HostileAssert.OneLine(failure.Message, "the failure message");
    }

    private static void Check(string line)
    {
        if (ControlRequestParser.TryParse(line, out var request, out var failure))
        {
            Assert.True(Enum.IsDefined(request.Command));
            Assert.True(request.Tunnel is null || ControlRequestParser.IsValidTunnelName(request.Tunnel), request.Tunnel);
            return;
        }

        Assert.Contains(failure.Error, new[] { ControlErrors.BadRequest, ControlErrors.UnknownCommand });
        HostileAssert.OneLine(failure.Message, "the failure message");
        Assert.True(failure.Message!.Length <= 400, $"the failure message is {failure.Message.Length} characters long");
    }

    private static string Next(Random random)
    {
        string Json() => JsonValues[random.Next(JsonValues.Length)];
        string Word() => random.Next(3) == 0 ? HostileText.Next(random, 70_000) : Commands[random.Next(Commands.Length)];
        return random.Next(6) switch
        {
            0 => HostileText.Next(random, 70_000),
            1 => $"{Word()} {Word()}",
            2 => $"{Word()}\t{HostileText.Next(random, 200)} {Word()}",
            3 => "{\"command\":" + Json() + (random.Next(2) == 0 ? ",\"tunnel\":" + Json() : "") + (random.Next(4) == 0 ? ",\"" + HostileText.Next(random, 100) + "\":1" : "") + "}",
            4 => "{\"command\":\"" + HostileText.Next(random, 100).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}",
            _ => "{\"command\":\"restart\",\"tunnel\":\"" + HostileText.Next(random, 1_000).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}" + (random.Next(3) == 0 ? HostileText.Next(random, 10) : ""),
        };
    }
}
