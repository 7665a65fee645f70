using SshKeep.Config;

namespace SshKeep.Health;

/// <summary>The pure half of a probe's exchange (docs/probes.md, "What each probe proves" and "Failure messages").</summary>
internal static class ProbeReply
{
    /// <summary>Longest HTTP status line read; a real one is some 20 bytes.</summary>
    public const int MaxStatusLine = 1024;

    /// <summary>Characters of an HTTP status line shown in a failure: enough for any real reason phrase.</summary>
    private const int ShownStatusLine = 64;

    /// <summary>Bytes read at most for a send/expect reply beyond what <c>expect</c> needs, to show in a failure.</summary>
    private const int ShownReply = 256;

    /// <summary>The bytes to send first (empty when the exchange only listens, e.g. for a banner).</summary>
    /// <param name="host">The Host header value for HTTP: the forward's target as the service knows it.</param>
    public static byte[] Request(ProbeExchange exchange, string host)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.HttpPath is { } path
            ? Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: sshkeep-probe\r\nAccept: */*\r\n\r\n")
            : exchange.Send is { } send ? Encoding.UTF8.GetBytes(send) : [];
    }

    public static string HostHeader(string host, int port) => port == 80 ? HostSyntax.Bracketed(host) : HostSyntax.Endpoint(host, port);

    /// <summary>How many reply bytes to keep at most; reading stops when they are in.</summary>
    public static int ReplyLimit(ProbeExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.HttpPath is not null) return MaxStatusLine;
        return exchange.Expect is { } expect ? Math.Max(Encoding.UTF8.GetByteCount(expect), ShownReply) : 1;
    }

    /// <param name="ended">EOF, or <see cref="ReplyLimit"/> reached: then the judgement is always done.</param>
    public static ReplyJudgement Judge(ProbeExchange exchange, ReadOnlySpan<byte> received, bool ended)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.HttpPath is not null) return JudgeHttp(received, ended);
        if (exchange.Expect is { } expect) return JudgeExpect(Encoding.UTF8.GetBytes(expect), received, ended);
        if (exchange.Send is null || !received.IsEmpty) return ReplyJudgement.Pass;
        return ended ? ReplyJudgement.Fail("the connection closed without a reply") : ReplyJudgement.NeedMore;
    }

    private static ReplyJudgement JudgeExpect(byte[] expect, ReadOnlySpan<byte> received, bool ended)
    {
        var compared = Math.Min(expect.Length, received.Length);
        if (!received[..compared].SequenceEqual(expect.AsSpan(0, compared)) || (ended && received.Length < expect.Length))
        {
            if (received.IsEmpty) return ReplyJudgement.Fail($"expected {Quote(expect)}, the connection closed without a reply");
            var closed = ended && received.Length < expect.Length ? " and the connection closed" : "";
            return ReplyJudgement.Fail($"expected {Quote(expect)}, got {Quote(received)}{closed}");
        }
        return received.Length >= expect.Length ? ReplyJudgement.Pass : ReplyJudgement.NeedMore;
    }

    private static ReplyJudgement JudgeHttp(ReadOnlySpan<byte> received, bool ended)
    {
        ReadOnlySpan<byte> prefix = "HTTP/"u8;
        var compared = Math.Min(prefix.Length, received.Length);
        if (!received[..compared].SequenceEqual(prefix[..compared]))
            return ReplyJudgement.Fail($"not an HTTP reply: {Quote(received)}");

        var end = received.IndexOf((byte)'\n');
        if (end < 0)
        {
            if (!ended) return ReplyJudgement.NeedMore;
            return received.IsEmpty
                ? ReplyJudgement.Fail("the connection closed without an HTTP reply")
                : ReplyJudgement.Fail($"no complete HTTP status line: {Quote(received)}");
        }

        var line = Encoding.ASCII.GetString(received[..end]).TrimEnd('\r');
        // "HTTP/1.1 200 OK": version, a space, three digits, then a space or the end.
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || parts[1].Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            return ReplyJudgement.Fail($"not an HTTP status line: {Quote(line, ShownStatusLine)}");
        return status < 500 ? ReplyJudgement.Pass : ReplyJudgement.Fail($"HTTP status {status}: {Quote(line, ShownStatusLine)}");
    }

    /// <summary>Characters of a reply shown before it is cut with "…".</summary>
    public const int MaxShown = 32;

    /// <summary>Bytes as a quoted string: UTF-8 where valid, made safe by <see cref="OneLine"/>, invalid bytes as <c>\xNN</c>.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes, int maxShown = MaxShown)
    {
        var text = new StringBuilder("\"");
        var shown = 0;
        while (!bytes.IsEmpty)
        {
            if (shown == maxShown)
            {
                text.Append('…');
                break;
            }
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{bytes[0]:x2}");
                consumed = 1;
            }
            else
            {
                OneLine.Append(text, rune, quoted: true);
            }
            bytes = bytes[consumed..];
            shown++;
        }
        return text.Append('"').ToString();
    }

    public static string Quote(string text, int maxShown = MaxShown) => Quote(Encoding.UTF8.GetBytes(text), maxShown);
}
