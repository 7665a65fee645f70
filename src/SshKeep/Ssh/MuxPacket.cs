namespace SshKeep.Ssh;

/// <summary>OpenSSH mux packets: PROTOCOL.mux, and mux.c where the two differ.</summary>
internal static class MuxPacket
{
    /// <summary>SSHMUX_VER; a master with another one is refused, as ssh does.</summary>
    public const uint ProtocolVersion = 4;

    /// <summary>The master's own limit (CHANNEL_MUX_MAX_PACKET); its answers are a few dozen bytes.</summary>
    public const int MaxPayload = 256 * 1024;

    public static byte[] Hello() => Frame(UInt32(MuxMessageType.Hello), UInt32(ProtocolVersion));

    /// <summary>The port as a uint32, as mux.c has it, not PROTOCOL.mux (docs/probes.md).</summary>
    public static byte[] NewStdioForward(uint requestId, string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return Frame(UInt32(MuxMessageType.NewStdioForward), UInt32(requestId), SshString([]), SshString(Encoding.UTF8.GetBytes(host)),
            UInt32((uint)port));
    }

    /// <summary>Null when zero or over <see cref="MaxPayload"/> (a master never sends either).</summary>
    public static int? PayloadLength(ReadOnlySpan<byte> header)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        return length is 0 or > MaxPayload ? null : (int)length;
    }

    /// <summary>An unknown message type is returned with only its request id read.</summary>
    public static MuxReply Parse(ReadOnlySpan<byte> payload)
    {
        if (!TryTakeUInt32(ref payload, out var type)) return Bad("shorter than a message type");
        if (type == MuxMessageType.Hello)
        {
            // Extensions may follow; none are defined and ssh ignores them.
            return TryTakeUInt32(ref payload, out var version)
                ? new MuxReply(type, 0, version, null) : Bad("hello without a version");
        }
        if (!TryTakeUInt32(ref payload, out var requestId)) return Bad(Hex(type) + " without a request id");
        switch (type)
        {
            case MuxMessageType.SessionOpened or MuxMessageType.Alive:
                return TryTakeUInt32(ref payload, out var value)
                    ? new MuxReply(type, requestId, value, null) : Bad(Hex(type) + " without its value");
            case MuxMessageType.Failure or MuxMessageType.PermissionDenied:
                return TryTakeString(ref payload, out var reason)
                    ? new MuxReply(type, requestId, 0, reason) : Bad(Hex(type) + " without a readable reason");
            default:
                return new MuxReply(type, requestId, 0, null);
        }

        static MuxReply Bad(string why) => new(0, 0, 0, null, why);
    }

    /// <summary>A message type as mux.c prints it: 0x80000003.</summary>
    public static string Hex(uint type) => "0x" + type.ToString("x8", CultureInfo.InvariantCulture);

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
