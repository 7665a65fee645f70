using System.Text;
using SshKeep.Config;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

public class ProbeReplyTests
{
    private static readonly ProbeExchange Ping = new("PING\r\n", "+PONG", null);

    [Theory]
    // received so far, ended, done, failure
    [InlineData("", false, false, null)]
    [InlineData("+PO", false, false, null)]
    [InlineData("+PONG", false, true, null)]
    [InlineData("+PONG\r\nmore", false, true, null)]
    [InlineData("-ERR unknown command\r\n", false, true, "expected \"+PONG\", got \"-ERR unknown command\\r\\n\"")]
    [InlineData("-", false, true, "expected \"+PONG\", got \"-\"")]
    [InlineData("+PO", true, true, "expected \"+PONG\", got \"+PO\" and the connection closed")]
    [InlineData("", true, true, "expected \"+PONG\", the connection closed without a reply")]
    public void An_expected_reply_must_start_with_the_expect_text_and_a_differing_one_fails_at_once(string received, bool ended, bool done, string? failure)
    {
        var judgement = ProbeReply.Judge(Ping, Encoding.UTF8.GetBytes(received), ended);

        Assert.Equal(new ReplyJudgement(done, failure), judgement);
    }

    [Theory]
    [InlineData("", false, false, null)]
    [InlineData("x", false, true, null)]
    [InlineData("", true, true, "the connection closed without a reply")]
    public void With_send_alone_any_byte_back_passes_and_a_silent_close_fails(string received, bool ended, bool done, string? failure)
    {
        var judgement = ProbeReply.Judge(new ProbeExchange("hello\n", null, null), Encoding.UTF8.GetBytes(received), ended);

        Assert.Equal(new ReplyJudgement(done, failure), judgement);
    }

    [Fact]
    public void An_expect_without_send_waits_for_a_banner()
    {
        var banner = new ProbeExchange(null, "SSH-2.0-", null);

        Assert.Empty(ProbeReply.Request(banner, "h"));
        Assert.Equal(ReplyJudgement.NeedMore, ProbeReply.Judge(banner, "SSH-"u8, ended: false));
        Assert.Equal(ReplyJudgement.Pass, ProbeReply.Judge(banner, "SSH-2.0-OpenSSH_9.2\r\n"u8, ended: false));
    }

    [Theory]
    [InlineData("", false, false, null)]
    [InlineData("HTT", false, false, null)]
    [InlineData("HTTP/1.0 200 OK\r\n", false, true, null)]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n", false, true, null)]
    [InlineData("HTTP/1.1 301\n", false, true, null)]
    [InlineData("HTTP/1.1 499 Whatever\r\n", false, true, null)]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\n", false, true, "HTTP status 500: \"HTTP/1.1 500 Internal Server Error\"")]
    [InlineData("HTTP/1.0 503 Service Unavailable\r\n", false, true, "HTTP status 503: \"HTTP/1.0 503 Service Unavailable\"")]
    [InlineData("HTTP/1.1 200 OK", false, false, null)]
    [InlineData("HTTP/1.1 200 OK", true, true, "no complete HTTP status line: \"HTTP/1.1 200 OK\"")]
    [InlineData("", true, true, "the connection closed without an HTTP reply")]
    [InlineData("SSH-2.0-OpenSSH\r\n", false, true, "not an HTTP reply: \"SSH-2.0-OpenSSH\\r\\n\"")]
    [InlineData("HTTP/1.1 OK\r\n", false, true, "not an HTTP status line: \"HTTP/1.1 OK\"")]
    [InlineData("HTTP/1.1 2000 OK\r\n", false, true, "not an HTTP status line: \"HTTP/1.1 2000 OK\"")]
    public void An_http_probe_passes_on_a_status_line_below_500(string received, bool ended, bool done, string? failure)
    {
        var judgement = ProbeReply.Judge(new ProbeExchange(null, null, "/health"), Encoding.ASCII.GetBytes(received), ended);

        Assert.Equal(new ReplyJudgement(done, failure), judgement);
    }

    [Fact]
    public void An_http_probe_sends_an_http_1_0_get_with_the_host_header()
    {
        var request = ProbeReply.Request(new ProbeExchange(null, null, "/health?x=1"), "db.internal:8080");

        Assert.Equal("GET /health?x=1 HTTP/1.0\r\nHost: db.internal:8080\r\nUser-Agent: sshkeep-probe\r\nAccept: */*\r\n\r\n",
                     Encoding.ASCII.GetString(request));
    }

    [Fact]
    public void A_send_probe_sends_its_text_as_utf8()
    {
        Assert.Equal("PING é\n"u8.ToArray(), ProbeReply.Request(new ProbeExchange("PING é\n", null, null), "h"));
    }

    [Theory]
    [InlineData("web", 80, "web")]
    [InlineData("web", 8080, "web:8080")]
    [InlineData("::1", 80, "[::1]")]
    [InlineData("fd00::5", 443, "[fd00::5]:443")]
    public void The_host_header_names_the_target_and_its_port_unless_80(string host, int port, string expected)
    {
        Assert.Equal(expected, ProbeReply.HostHeader(host, port));
    }

    [Theory]
    [InlineData(null, null, "/", 1024)]
    [InlineData("x", "+PONG", null, 256)]
    [InlineData("x", null, null, 1)]
    public void Reading_stops_once_enough_of_the_reply_is_in(string? send, string? expect, string? path, int limit)
    {
        Assert.Equal(limit, ProbeReply.ReplyLimit(new ProbeExchange(send, expect, path)));
    }

    [Fact]
    public void A_long_expect_text_is_read_in_full()
    {
        var expect = new string('a', 300);

        Assert.Equal(300, ProbeReply.ReplyLimit(new ProbeExchange(null, expect, null)));
    }
}
