using System.Net;
using System.Net.Sockets;

namespace SshKeep.Demo;

/// <summary>Free TCP ports on 127.0.0.1, chosen by the kernel rather than guessed.</summary>
internal static class LoopbackPort
{
    /// <summary>
    /// A port that was free a moment ago. Another program can still take it before the caller
    /// binds it, so callers that start a server on it retry with a new port when the bind fails.
    /// </summary>
    public static int PickFree()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// A port P such that P and P + 1 were both free a moment ago, as autossh's loop mode (-M P)
    /// needs: it listens on P + 1 and has ssh forward P. Same race caveat as <see cref="PickFree"/>.
    /// </summary>
    public static int PickFreePair()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            first.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)first.LocalEndPoint!).Port;
            if (port == IPEndPoint.MaxPort) continue;
            using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                second.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return port;
            }
            catch (SocketException) when (attempt < 50)
            {
                // P + 1 is taken; the kernel hands out another P next time.
            }
        }
    }
}
