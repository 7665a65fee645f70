namespace SshKeep.Forwarding;

/// <summary>What <see cref="SocksParser.Parse"/> makes of the bytes a client has sent so far;
/// <see cref="SocksHandshake.ReadAsync"/> ends with a <see cref="Request"/>, or a <see cref="Refused"/> it answered.</summary>
internal abstract record SocksStep
{
    /// <summary>Read at most <paramref name="Bytes"/> more: all of them belong to the request.</summary>
    public sealed record NeedMore(int Bytes) : SocksStep;

    /// <summary>A SOCKS5 greeting that offers "no authentication": send <paramref name="Reply"/>, then read
    /// at most <paramref name="Bytes"/> of the request.</summary>
    public sealed record Greeting(byte[] Reply, int Bytes) : SocksStep;

    /// <summary>A complete CONNECT request; <paramref name="Host"/> is a name, or an address as .NET prints it.</summary>
    public sealed record Request(SocksVersion Version, string Host, int Port) : SocksStep;

    /// <summary>The client's fault, on one line: send <paramref name="Reply"/> (empty if the protocol has none), close.</summary>
    public sealed record Refused(string Reason, byte[] Reply) : SocksStep;
}
