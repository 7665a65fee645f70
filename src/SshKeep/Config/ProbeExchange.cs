namespace SshKeep.Config;

/// <summary>What a forward's probe says beyond opening a connection (docs/config.md, "probe").</summary>
internal sealed record ProbeExchange(string? Send, string? Expect, string? HttpPath)
{
    public static readonly ProbeExchange ConnectOnly = new(null, null, null);

    public bool IsConnectOnly => Send is null && Expect is null && HttpPath is null;
}
