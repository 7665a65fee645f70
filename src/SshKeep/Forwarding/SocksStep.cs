namespace SshKeep.Forwarding;

/// <summary>What <see cref="SocksParser.Parse"/> makes of the bytes a client has sent so far.</summary>
internal abstract record SocksStep
{
    /// <summary>Read at most <paramref name="Bytes"/> more: all of them belong to the request.</summary>
    public sealed record NeedMore(int Bytes) : SocksStep;

    /// <summary>A SOCKS5 greeting that offers "no authentication": send <paramref name="Reply"/>, then read
    /// at most <paramref name="Bytes"/> of the request.</summary>
    public sealed record Greeting(byte[] Reply, int Bytes) : SocksStep;

    /// <summary>The request is complete.</summary>
    public sealed record Request(SocksOutcome.Target Target) : SocksStep;

    /// <summary>Send <paramref name="Reply"/> (empty when the protocol has none) and close.</summary>
    public sealed record Refused(string Reason, byte[] Reply) : SocksStep;
}
