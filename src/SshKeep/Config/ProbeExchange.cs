namespace SshKeep.Config;

/// <summary>
/// What a forward's end-to-end probe says through the tunnel, beyond opening a
/// connection: either bytes to send and a prefix expected back, or an HTTP GET of a path. The
/// default (all null) only opens the connection through the session.
/// </summary>
/// <param name="Send">Bytes to send (UTF-8, YAML escapes allowed), or null.</param>
/// <param name="Expect">Text the reply must start with, or null to accept any reply (even none before the timeout is a failure when set).</param>
/// <param name="HttpPath">An HTTP/1.0 GET of this path; any status below 500 passes. Excludes Send/Expect.</param>
internal sealed record ProbeExchange(string? Send, string? Expect, string? HttpPath)
{
    /// <summary>Connect only.</summary>
    public static readonly ProbeExchange ConnectOnly = new(null, null, null);

    public bool IsConnectOnly => Send is null && Expect is null && HttpPath is null;
}
