namespace SshKeep.Forwarding;

internal enum SocksVersion
{
    Socks4,

    /// <summary>SOCKS4 with the host name after the user id (address 0.0.0.x).</summary>
    Socks4a,

    Socks5,
}
