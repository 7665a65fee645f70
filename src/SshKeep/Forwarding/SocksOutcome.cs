namespace SshKeep.Forwarding;

/// <summary>What <see cref="SocksHandshake.ReadAsync"/> read from a client.</summary>
internal abstract record SocksOutcome
{
    /// <summary>A CONNECT request to <paramref name="Host"/> (a name, or an address as .NET prints it) and port.</summary>
    public sealed record Target(SocksVersion Version, string Host, int Port) : SocksOutcome;

    /// <summary>The client's fault, on one line; the refusal reply, when the protocol has one, is written.</summary>
    public sealed record Refused(string Reason) : SocksOutcome;
}
