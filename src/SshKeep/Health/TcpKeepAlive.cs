using System.Net.Sockets;

namespace SshKeep.Health;

/// <summary>TCP keepalive for a probe socket, set before connect (Linux keeps it across connect(2)): a floor under the
/// probe's own timeout, never the check itself (docs/probes.md, "Side effects and limits"). The kernel's smallest idle
/// and interval and 3 probes: a vanished peer is dead after about 4 s of silence.</summary>
internal static class TcpKeepAlive
{
    public static void Apply(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
    }
}
