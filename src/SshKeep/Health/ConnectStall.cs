using System.Net;

namespace SshKeep.Health;

/// <summary>
/// ssh's own TCP connection to its server (connecting or established), found in ssh's network
/// namespace's socket table; why it matters: docs/reachability.md. Races give null, never throw.
/// </summary>
/// <remarks>
/// ssh holds one outbound socket to the server (none behind a proxy). Its other TCP sockets are
/// its -L/-D listeners, the connections they accept (left out by their local port) and, for -R,
/// connections to the forward's target once the session is up: of the outbound ones left, the
/// lowest descriptor wins (ssh connects to the server first), and a known server port rules the
/// others out. Before authentication no forward exists, which is when a connect can stall.
/// </remarks>
internal static class ConnectStall
{
    /// <summary>ssh's connection to its server, or null: not connecting yet, a proxy carries it,
    /// the process is gone, or not ours to read.</summary>
    /// <param name="serverPort">The server's port when known (ssh -G); rules out -R target connections.</param>
    public static ServerConnection? ServerConnectionOf(int pid, int? serverPort = null, string procRoot = "/proc")
    {
        var held = ProcessSockets.Of(pid, procRoot);
        if (held.Count == 0) return null;
        var byInode = new Dictionary<ulong, TcpSocket>();
        foreach (var socket in TcpSocketTable.Read(pid, procRoot))
        {
            if (socket.Inode != 0) byInode.TryAdd(socket.Inode, socket);
        }

        var mine = held.Where(h => byInode.ContainsKey(h.Inode)).Select(h => (h.Fd, Socket: byInode[h.Inode])).ToList();
        var listeners = mine.Where(m => m.Socket.State == TcpSocketState.Listen).Select(m => m.Socket.Local).ToList();
        foreach (var (fd, socket) in mine) // ordered by descriptor
        {
            if (socket.State is not (TcpSocketState.SynSent or TcpSocketState.Established)) continue;
            if (listeners.Any(l => Accepts(l, socket.Local))) continue; // accepted by an -L/-D listener
            if (serverPort is { } port && socket.Remote.Port != port) continue;
            return new ServerConnection(fd, socket.Local, socket.Remote, socket.State, socket.Retransmits);
        }
        return null;
    }

    /// <summary>A connection whose local end is a listener's address and port was accepted by it.</summary>
    private static bool Accepts(IPEndPoint listener, IPEndPoint local) =>
        listener.Port == local.Port &&
        (listener.Address.Equals(IPAddress.Any) || listener.Address.Equals(IPAddress.IPv6Any) || listener.Address.Equals(local.Address));
}
