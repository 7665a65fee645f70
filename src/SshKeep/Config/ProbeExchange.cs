namespace SshKeep.Config;

/// <summary>What a forward's end-to-end probe says through the tunnel beyond opening a connection (docs/probes.md): text
/// to send and a prefix expected back, or an HTTP/1.0 GET of a path that passes on any status below 500.</summary>
internal sealed record ProbeExchange(string? Send, string? Expect, string? HttpPath)
{
    public static readonly ProbeExchange ConnectOnly = new(null, null, null);

    public bool IsConnectOnly => Send is null && Expect is null && HttpPath is null;
}
