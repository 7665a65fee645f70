using SshKeep.Forwarding;

namespace SshKeep.Tests.Forwarding;

/// <summary>Tier 1: what the SOCKS parser makes of the bytes a client has sent so far (docs/held-ports.md "SOCKS").</summary>
public sealed class SocksParserTests
{
    private const string V4Rejected = "reply 00 5b 00 00 00 00 00 00";
    private const string V5Failure = "reply 05 01 00 01 00 00 00 00 00 00";
    private const string Greeting = "05 01 00";

    [Theory]
    [InlineData("", "need 2")]
    [InlineData("04", "need 1")]
    [InlineData("04 01", "need 6")]
    [InlineData("04 01 00 50 7f 00 00", "need 1")]
    [InlineData("04 01 00 50 7f 00 00 01", "need 1")]
    [InlineData("04 01 00 50 7f 00 00 01 62 6f", "need 1")]
    [InlineData("04 01 00 50 7f 00 00 01 00", "Socks4 127.0.0.1 80")]
    [InlineData("04 01 1f 90 0a 00 00 01 62 6f 62 00", "Socks4 10.0.0.1 8080")]
    [InlineData("04 01 00 50 00 00 00 00 00", "Socks4 0.0.0.0 80")]
    [InlineData("04 02 00 50 7f 00 00 01 00", "refused: SOCKS4 command 0x02 is not supported (only CONNECT, 0x01) | " + V4Rejected)]
    [InlineData("04 01 00 00 7f 00 00 01 00", "refused: the request is for port 0 (of 127.0.0.1) | " + V4Rejected)]
    [InlineData("04 01 01 bb 00 00 00 01 00", "need 1")]
    [InlineData("04 01 01 bb 00 00 00 01 00 65 78", "need 1")]
    [InlineData("04 01 01 bb 00 00 00 01 00 65 78 61 6d 70 6c 65 2e 6f 72 67 00", "Socks4a example.org 443")]
    [InlineData("04 01 01 bb 00 00 00 2a 62 6f 62 00 68 6f 73 74 00", "Socks4a host 443")]
    [InlineData("04 01 01 bb 00 00 00 01 00 00", "refused: the host name is empty | " + V4Rejected)]
    [InlineData("04 01 01 bb 00 00 00 01 00 65 0a 00", "refused: the host name has byte 0x0a, which no host name has | " + V4Rejected)]
    [InlineData("04 01 00 00 00 00 00 01 00 68 00", "refused: the request is for port 0 (of h) | " + V4Rejected)]
    [InlineData("05", "need 1")]
    [InlineData("05 02", "need 2")]
    [InlineData("05 02 02", "need 1")]
    [InlineData("05 02 02 00", "greeting, reply 05 00, then need 5")]
    [InlineData(Greeting, "greeting, reply 05 00, then need 5")]
    [InlineData("05 01 02", "refused: the SOCKS5 client offers no method sshkeep accepts (offered: 0x02; accepted: 0x00, no authentication) | reply 05 ff")]
    [InlineData("05 02 01 02", "refused: the SOCKS5 client offers no method sshkeep accepts (offered: 0x01, 0x02; accepted: 0x00, no authentication) | reply 05 ff")]
    [InlineData("05 00", "refused: the SOCKS5 client offers no method sshkeep accepts (offered: none; accepted: 0x00, no authentication) | reply 05 ff")]
    [InlineData(Greeting + " 05 01", "need 3")]
    [InlineData(Greeting + " 05 01 00 01 7f", "need 5")]
    [InlineData(Greeting + " 05 01 00 01 7f 00 00 01 00 50", "Socks5 127.0.0.1 80")]
    [InlineData(Greeting + " 05 01 00 03 0b", "need 13")]
    [InlineData(Greeting + " 05 01 00 03 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 01 bb", "Socks5 example.org 443")]
    [InlineData(Greeting + " 05 01 00 04 00", "need 17")]
    [InlineData(Greeting + " 05 01 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 16", "Socks5 ::1 22")]
    [InlineData(Greeting + " 05 01 00 04 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 01 bb", "Socks5 2001:db8::1 443")]
    [InlineData(Greeting + " 05 02 00 01 7f", "refused: SOCKS5 command 0x02 is not supported (only CONNECT, 0x01) | reply 05 07 00 01 00 00 00 00 00 00")]
    [InlineData(Greeting + " 05 03 00 01 7f", "refused: SOCKS5 command 0x03 is not supported (only CONNECT, 0x01) | reply 05 07 00 01 00 00 00 00 00 00")]
    [InlineData(Greeting + " 05 01 00 05 7f", "refused: SOCKS5 address type 0x05 is not supported (0x01 IPv4, 0x03 domain name, 0x04 IPv6) | reply 05 08 00 01 00 00 00 00 00 00")]
    [InlineData(Greeting + " 05 01 01 01 7f", "refused: SOCKS5 reserved byte is 0x01, not 0x00 | " + V5Failure)]
    [InlineData(Greeting + " 04 01 00 01 7f", "refused: SOCKS5 request with version byte 0x04, not 0x05 | " + V5Failure)]
    [InlineData(Greeting + " 05 01 00 01 7f 00 00 01 00 00", "refused: the request is for port 0 (of 127.0.0.1) | " + V5Failure)]
    [InlineData(Greeting + " 05 01 00 03 00 00 50", "refused: the host name is empty | " + V5Failure)]
    [InlineData(Greeting + " 05 01 00 03 02 61 20 00 50", "refused: the host name has byte 0x20, which no host name has | " + V5Failure)]
    [InlineData("16 03", "refused: not a SOCKS request: first byte 0x16 (a TLS handshake?) | reply none")]
    [InlineData("47 45", "refused: not a SOCKS request: first byte 0x47 ('G', an HTTP request?) | reply none")]
    [InlineData("00 00", "refused: not a SOCKS request: first byte 0x00 | reply none")]
    public void The_bytes_received_so_far_give_the_next_step(string received, string expected)
    {
        Assert.Equal(expected, Show(SocksParser.Parse(Bytes(received))));
    }

    [Theory]
    [InlineData("04 01 00 50 7f 00 00 01 62 6f 62 00")]
    [InlineData("04 01 01 bb 00 00 00 01 00 65 78 61 6d 70 6c 65 2e 6f 72 67 00")]
    [InlineData(Greeting + " 05 01 00 01 7f 00 00 01 00 50")]
    [InlineData("05 03 02 01 00 05 01 00 03 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 01 bb")]
    [InlineData(Greeting + " 05 01 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 16")]
    public void Reading_what_each_step_asks_for_takes_the_whole_request_and_not_a_byte_of_what_follows(string request)
    {
        var bytes = Bytes(request);
        var stream = bytes.Concat("GET / HTTP/1.1\r\n"u8.ToArray()).ToArray();

        Assert.Equal(bytes.Length, ReadAsAsked(stream));
    }

    [Theory]
    [InlineData("04 01 00 50 7f 00 00 01", "refused: the SOCKS4 user id is longer than 255 bytes | " + V4Rejected)]
    [InlineData("04 01 00 50 00 00 00 01 00", "refused: the SOCKS4a host name is longer than 255 bytes | " + V4Rejected)]
    public void A_name_that_never_ends_is_refused_after_255_bytes_and_within_the_longest_request(string header, string expected)
    {
        var start = Bytes(header);
        var endless = start.Concat(Enumerable.Repeat((byte)'a', 10 * SocksParser.Longest)).ToArray();

        int read = ReadAsAsked(endless);

        Assert.Equal(start.Length + 256, read);
        Assert.True(read <= SocksParser.Longest);
        Assert.Equal(expected, Show(SocksParser.Parse(endless.AsSpan(0, read))));
    }

    [Fact]
    public void Names_of_255_bytes_are_accepted()
    {
        var name = Enumerable.Repeat((byte)'a', 255).ToArray();
        byte[] request = [0x04, 0x01, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, .. name, 0x00, .. name, 0x00];

        var step = SocksParser.Parse(request);

        Assert.Equal(SocksParser.Longest, request.Length);
        Assert.Equal($"Socks4a {new string('a', 255)} 80", Show(step));
    }

    /// <summary>Reads from <paramref name="stream"/> as a client's socket would give it: all that each step asks for.</summary>
    private static int ReadAsAsked(byte[] stream)
    {
        int count = 0;
        while (true)
        {
            switch (SocksParser.Parse(stream.AsSpan(0, count)))
            {
                case SocksStep.NeedMore more:
                    count += more.Bytes;
                    break;
                case SocksStep.Greeting greeting:
                    count += greeting.Bytes;
                    break;
                default:
                    return count;
            }
        }
    }

    private static string Show(SocksStep step) => step switch
    {
        SocksStep.NeedMore more => $"need {more.Bytes}",
        SocksStep.Greeting greeting => $"greeting, reply {Hex(greeting.Reply)}, then need {greeting.Bytes}",
        SocksStep.Request request => $"{request.Version} {request.Host} {request.Port}",
        SocksStep.Refused refused => $"refused: {refused.Reason} | reply {(refused.Reply.Length == 0 ? "none" : Hex(refused.Reply))}",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>"05 01 00" → the bytes; the tables are written the way the protocol documents draw them.</summary>
    internal static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    internal static string Hex(byte[] bytes) => string.Join(" ", bytes.Select(b => Convert.ToHexStringLower([b])));
}
