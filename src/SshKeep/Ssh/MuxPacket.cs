namespace SshKeep.Ssh;

/// <summary>
/// Packing and parsing of OpenSSH mux packets (PROTOCOL.mux; mux.c is the authority where the two
/// differ). Every packet is a big-endian uint32 length and that many bytes of payload; the payload
/// starts with a uint32 message type. Strings are SSH strings (uint32 length, bytes).
/// </summary>
internal static class MuxPacket
{
    /// <summary>The protocol version both sides announce (SSHMUX_VER); a master with another one is refused, as ssh does.</summary>
    public const uint ProtocolVersion = 4;

    /// <summary>The largest payload accepted. The master's replies to us are a few dozen bytes; its own
    /// limit for what it reads is 256 KiB (channels.c, CHANNEL_MUX_MAX_PACKET).</summary>
    public const int MaxPayload = 256 * 1024;

    /// <summary>MUX_MSG_HELLO with our version and no extensions.</summary>
    public static byte[] Hello() => Frame(UInt32(MuxMessageType.Hello), UInt32(ProtocolVersion));

    /// <summary>MUX_C_NEW_STDIO_FWD: request id, reserved (empty) string, host, and the port as a uint32
    /// (as mux.c has it, not PROTOCOL.mux; docs/probes.md).</summary>
    public static byte[] NewStdioForward(uint requestId, string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return Frame(UInt32(MuxMessageType.NewStdioForward), UInt32(requestId), SshString([]), SshString(Encoding.UTF8.GetBytes(host)),
            UInt32((uint)port));
    }

    /// <summary>The payload length announced by a 4-byte header, or null when it is zero or larger
    /// than <see cref="MaxPayload"/> (a master never sends either).</summary>
    public static int? PayloadLength(ReadOnlySpan<byte> header)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        return length is 0 or > MaxPayload ? null : (int)length;
    }

    /// <summary>Reads one payload (without its length prefix). Unknown message types are returned
    /// as they are, with only their request id read; the caller decides what they mean.</summary>
    public static MuxReply Parse(ReadOnlySpan<byte> payload)
    {
        if (!TryTakeUInt32(ref payload, out var type)) return Bad("shorter than a message type");
        if (type == MuxMessageType.Hello)
        {
            // Extensions (name/value string pairs) may follow; none are defined and ssh ignores them.
            return TryTakeUInt32(ref payload, out var version)
                ? new MuxReply(type, 0, version, null)
                : Bad("hello without a version");
        }
        if (!TryTakeUInt32(ref payload, out var requestId)) return Bad(Hex(type) + " without a request id");
        switch (type)
        {
            case MuxMessageType.SessionOpened:
            case MuxMessageType.Alive:
                return TryTakeUInt32(ref payload, out var value)
                    ? new MuxReply(type, requestId, value, null)
                    : Bad(Hex(type) + " without its value");
            case MuxMessageType.Failure:
            case MuxMessageType.PermissionDenied:
                return TryTakeString(ref payload, out var reason)
                    ? new MuxReply(type, requestId, 0, reason)
                    : Bad(Hex(type) + " without a readable reason");
            default:
                return new MuxReply(type, requestId, 0, null);
        }

        static MuxReply Bad(string why) => new(0, 0, 0, null, why);
    }

    /// <summary>A message type as mux.c prints it: 0x80000003.</summary>
    public static string Hex(uint type) => "0x" + type.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>A packet: the payload's length, then its fields.</summary>
    private static byte[] Frame(params byte[][] fields) => [.. UInt32((uint)fields.Sum(f => f.Length)), .. fields.SelectMany(f => f)];

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] SshString(byte[] value) => [.. UInt32((uint)value.Length), .. value];

    private static bool TryTakeUInt32(ref ReadOnlySpan<byte> payload, out uint value)
    {
        value = 0;
        if (payload.Length < 4) return false;
        value = BinaryPrimitives.ReadUInt32BigEndian(payload);
        payload = payload[4..];
        return true;
    }

    private static bool TryTakeString(ref ReadOnlySpan<byte> payload, out string value)
    {
        value = "";
        var rest = payload;
        if (!TryTakeUInt32(ref rest, out var length) || length > (uint)rest.Length) return false;
        value = Encoding.UTF8.GetString(rest[..(int)length]);
        payload = rest[(int)length..];
        return true;
    }
}
