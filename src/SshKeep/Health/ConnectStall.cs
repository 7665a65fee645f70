using System.Net;

namespace SshKeep.Health;

/// <summary>
/// Whether an ssh is stuck in its TCP connect to the server, and where that server is.
/// </summary>
/// <remarks>
/// Why: an ssh started during an outage sits in SYN retransmission (the kernel resends the SYN
/// after 1, 3, 7, 15 … s, until ConnectTimeout), so after the heal it would connect only at its
/// next retransmission: recovery would depend on how long the outage was. Seeing the socket in
/// SYN_SENT lets the supervisor restart that ssh the moment the server answers a check again,
/// and the socket's remote end is the exact address ssh chose, so the check asks the same host.
/// <para>How ssh's connection is told from its other sockets: ssh holds exactly one outbound TCP
/// socket to the server (none with ProxyCommand or ProxyJump: then the proxy holds it, and the
/// answer is null). Its other TCP sockets are its -L/-D listeners (LISTEN), the connections
/// those accept (their local port is a listener's port, so they are left out), and for -R the
/// connections ssh opens to the forward's target once the session is up. Those last are
/// outbound too; when several outbound sockets remain, the one with the lowest descriptor wins
/// (ssh connects to the server before anything else and keeps that socket for its whole life),
/// and a caller that knows the server's port passes it to rule the others out for certain.
/// Before authentication no forward exists, which is when a connect can stall, so the stall
/// answer is unambiguous exactly when it matters.</para>
/// <para>Reads /proc/PID/net/tcp{,6}, so the socket is looked up in ssh's own network
/// namespace. Races (ssh exits, the socket closes) give null, never an exception.</para>
/// </remarks>
internal static class ConnectStall
{
    /// <summary>ssh's connection to its server (connecting or established), or null when there is
    /// none: not started connecting, a proxy carries it, the process is gone, or not ours to read.</summary>
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

    /// <summary>The server endpoint ssh connects (or is connected) to; null as for <see cref="ServerConnectionOf"/>.</summary>
    public static IPEndPoint? ServerEndpointOf(int pid, int? serverPort = null, string procRoot = "/proc") =>
        ServerConnectionOf(pid, serverPort, procRoot)?.Remote;

    /// <summary>ssh's connection when it is still waiting for the server's SYN-ACK (SYN_SENT), else
    /// null. A connect to a reachable server is in SYN_SENT for one round trip, so callers look
    /// again after a moment or check <see cref="ServerConnection.Retransmits"/> ≥ 1.</summary>
    public static ServerConnection? StalledConnectOf(int pid, int? serverPort = null, string procRoot = "/proc") =>
        ServerConnectionOf(pid, serverPort, procRoot) is { IsConnecting: true } connecting ? connecting : null;
}
