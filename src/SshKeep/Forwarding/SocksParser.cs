namespace SshKeep.Forwarding;

/// <summary>Reads a SOCKS4, 4a or 5 CONNECT request (RFC 1928; NEC's notes for SOCKS4), never asking for a byte past
/// it: the socket goes to ssh as it is, with what follows unread (docs/held-ports.md "SOCKS").</summary>
internal static class SocksParser
{
    /// <summary>A user id or host name: at most 255 bytes, all that SOCKS5 can carry and DNS allows a name.</summary>
    private const int MaxName = 255;

    /// <summary>SOCKS4a: 8 bytes, then a user id and a host name, each ended by a NUL. SOCKS5 needs at most
    /// 257 bytes of greeting and 262 of request.</summary>
    public const int Longest = 8 + (2 * (MaxName + 1));

    /// <summary>The shortest first message: a SOCKS5 greeting that offers no method.</summary>
    private const int FirstRead = 2;

    /// <summary>A SOCKS5 request's version, command, reserved byte, address type and the address's first
    /// byte (a name's length): enough to know how long the rest is.</summary>
    private const int V5RequestStart = 5;

    private const byte Connect = 0x01;
    private const byte NoAuthentication = 0x00;

    public static SocksStep Parse(ReadOnlySpan<byte> received)
    {
        if (received.Length < FirstRead) return new SocksStep.NeedMore(FirstRead - received.Length);
        return received[0] switch
        {
            4 => ParseV4(received),
            5 => ParseV5(received),
            var other => new SocksStep.Refused($"not a SOCKS request: first byte {Hex(other)}{Guess(other)}", []),
        };
    }

    /// <summary>The address and port are zeros: sshkeep does not know the server's end, and clients ignore them after a
    /// CONNECT.</summary>
    public static byte[] Reply(SocksVersion version, byte code) =>
        version == SocksVersion.Socks5 ? [0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0] : [0x00, code, 0, 0, 0, 0, 0, 0];

    private static SocksStep ParseV4(ReadOnlySpan<byte> received)
    {
        const int header = 8;
        if (received.Length < header) return new SocksStep.NeedMore(header - received.Length);
        if (received[1] != Connect)
            return Refuse(SocksVersion.Socks4, $"SOCKS4 command {Hex(received[1])} is not supported (only CONNECT, 0x01)");
        int port = (received[2] << 8) | received[3];
        var address = received[4..header];
        var rest = received[header..];
        if (NulEnded(rest, "SOCKS4 user id", out int userLength) is { } waitForUser) return waitForUser;
        // 0.0.0.x with x > 0 is SOCKS4a's sign that a host name follows the user id.
        if (address[..3].IndexOfAnyExcept((byte)0) >= 0 || address[3] == 0)
            return Target(SocksVersion.Socks4, new IPAddress(address).ToString(), port);
        rest = rest[(userLength + 1)..];
        if (NulEnded(rest, "SOCKS4a host name", out int hostLength) is { } waitForHost) return waitForHost;
        return Named(SocksVersion.Socks4a, rest[..hostLength], port);
    }

    /// <summary>Null when <paramref name="rest"/> starts with a complete name (its length out); else what to do.</summary>
    private static SocksStep? NulEnded(ReadOnlySpan<byte> rest, string what, out int length)
    {
        length = rest.IndexOf((byte)0);
        if (length > MaxName || (length < 0 && rest.Length > MaxName))
            return Refuse(SocksVersion.Socks4, $"the {what} is longer than {MaxName} bytes");
        // One byte at a time: the NUL may be the request's last byte.
        return length < 0 ? new SocksStep.NeedMore(1) : null;
    }

    private static SocksStep ParseV5(ReadOnlySpan<byte> received)
    {
        int greeting = 2 + received[1];
        if (received.Length < greeting) return new SocksStep.NeedMore(greeting - received.Length);
        var methods = received[2..greeting];
        if (!methods.Contains(NoAuthentication))
        {
            var offered = methods.IsEmpty ? "none" : string.Join(", ", methods.ToArray().Select(Hex));
            return new SocksStep.Refused(
                $"the SOCKS5 client offers no method sshkeep accepts (offered: {offered}; accepted: 0x00, no authentication)",
                [0x05, 0xff]);
        }
        if (received.Length == greeting) return new SocksStep.Greeting([0x05, NoAuthentication], V5RequestStart);
        return ParseV5Request(received[greeting..]);
    }

    private static SocksStep ParseV5Request(ReadOnlySpan<byte> request)
    {
        if (request.Length < V5RequestStart) return new SocksStep.NeedMore(V5RequestStart - request.Length);
        if (request[0] != 0x05) return Refuse(SocksVersion.Socks5, $"SOCKS5 request with version byte {Hex(request[0])}, not 0x05");
        if (request[1] != Connect)
        {
            // 0x07: "command not supported" (RFC 1928 section 6), for BIND (0x02) and UDP ASSOCIATE (0x03).
            return new SocksStep.Refused($"SOCKS5 command {Hex(request[1])} is not supported (only CONNECT, 0x01)",
                Reply(SocksVersion.Socks5, 0x07));
        }
        if (request[2] != 0x00) return Refuse(SocksVersion.Socks5, $"SOCKS5 reserved byte is {Hex(request[2])}, not 0x00");
        var (start, length) = request[3] switch
        {
            0x01 => (4, 4),
            0x03 => (5, request[4]),
            0x04 => (4, 16),
            _ => (0, -1),
        };
        if (length < 0)
        {
            // 0x08: "address type not supported".
            return new SocksStep.Refused(
                $"SOCKS5 address type {Hex(request[3])} is not supported (0x01 IPv4, 0x03 domain name, 0x04 IPv6)",
                Reply(SocksVersion.Socks5, 0x08));
        }
        int end = start + length + 2;
        if (request.Length < end) return new SocksStep.NeedMore(end - request.Length);
        int port = (request[end - 2] << 8) | request[end - 1];
        var address = request[start..(end - 2)];
        return request[3] == 0x03
            ? Named(SocksVersion.Socks5, address, port)
            : Target(SocksVersion.Socks5, new IPAddress(address).ToString(), port);
    }

    /// <summary>Printable ASCII only: host names are ASCII on the wire (punycode for the rest), and this text
    /// goes on to ssh and into sshkeep's messages.</summary>
    private static SocksStep Named(SocksVersion version, ReadOnlySpan<byte> name, int port)
    {
        if (name.IsEmpty) return Refuse(version, "the host name is empty");
        int bad = name.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7e);
        if (bad >= 0) return Refuse(version, $"the host name has byte {Hex(name[bad])}, which no host name has");
        return Target(version, Encoding.ASCII.GetString(name), port);
    }

    private static SocksStep Target(SocksVersion version, string host, int port) =>
        port == 0
            ? Refuse(version, $"the request is for port 0 (of {host})")
            : new SocksStep.Request(version, host, port);

    private static SocksStep.Refused Refuse(SocksVersion version, string reason) => new(reason, SocksHandshake.FailureReply(version));

    private static string Hex(byte value) => $"0x{value:x2}";

    /// <summary>What a client that is not a SOCKS client likely speaks.</summary>
    private static string Guess(byte first) => first switch
    {
        0x16 => " (a TLS handshake?)",
        >= (byte)'A' and <= (byte)'Z' => $" ('{(char)first}', an HTTP request?)",
        _ => "",
    };
}
