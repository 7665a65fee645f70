using System.Net.Sockets;
using SshKeep.Config;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

public class ProbeConversationTests
{
    private static readonly ProbeExchange Ping = new("PING\r\n", "+PONG", null);

    [Fact]
    public async Task A_reply_that_arrives_in_pieces_passes_once_it_is_complete()
    {
        var stream = new ScriptedReplyStream(["+", "PO", "NG\r\n"]);

        var failure = await new ProbeConversation(Ping, "h").RunAsync(stream, default);

        Assert.Null(failure);
        Assert.Equal("PING\r\n", stream.Written);
    }

    [Fact]
    public async Task A_reply_that_differs_fails_without_waiting_for_the_rest()
    {
        var stream = new ScriptedReplyStream(["-E"], silentAfter: true);

        var failure = await new ProbeConversation(Ping, "h").RunAsync(stream, default);

        Assert.Equal("expected \"+PONG\", got \"-E\"", failure);
    }

    [Fact]
    public async Task A_reply_cut_short_by_the_peer_closing_fails_with_what_came()
    {
        var failure = await new ProbeConversation(Ping, "h").RunAsync(new ScriptedReplyStream(["+PO"]), default);

        Assert.Equal("expected \"+PONG\", got \"+PO\" and the connection closed", failure);
    }

    [Fact]
    public async Task A_reset_is_a_failure_with_the_system_text()
    {
        var reset = new IOException("reset", new SocketException((int)SocketError.ConnectionReset));

        var failure = await new ProbeConversation(Ping, "h").RunAsync(new ScriptedReplyStream([], reset), default);

        Assert.Equal("Connection reset by peer", failure);
    }

    [Theory]
    [InlineData(new string[0], "no reply within 3s")]
    [InlineData(new[] { "+PO" }, "only \"+PO\" within 3s")]
    public async Task When_time_runs_out_the_failure_says_how_far_the_reply_got(string[] chunks, string expected)
    {
        var conversation = new ProbeConversation(Ping, "h");
        using var deadline = new CancellationTokenSource();
        var run = conversation.RunAsync(new ScriptedReplyStream(chunks, silentAfter: true), deadline.Token);

        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(expected, conversation.TimedOut("3s"));
    }

    [Fact]
    public async Task An_http_exchange_sends_the_get_and_judges_the_status_line()
    {
        var stream = new ScriptedReplyStream(["HTTP/1.1 204 No Content\r\n\r\n"]);

        var failure = await new ProbeConversation(new ProbeExchange(null, null, "/ping"), "api:8080").RunAsync(stream, default);

        Assert.Null(failure);
        Assert.StartsWith("GET /ping HTTP/1.0\r\nHost: api:8080\r\n", stream.Written);
    }
}
