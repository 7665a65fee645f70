using System.Net.Sockets;

namespace SshKeep.Forwarding;

// TEMPORARY until the SOCKS parser lands.
internal enum SocksVersion { Socks4, Socks4a, Socks5 }

internal abstract record SocksOutcome
{
    public sealed record Target(SocksVersion Version, string Host, int Port) : SocksOutcome;

    public sealed record Refused(string Reason) : SocksOutcome;
}

internal static class SocksHandshake
{
    public static SocksOutcome Read(Socket client, TimeSpan within) => new SocksOutcome.Refused($"not yet {client.Handle} {within}");

    public static byte[] SuccessReply(SocksVersion version) => [(byte)version];
}
