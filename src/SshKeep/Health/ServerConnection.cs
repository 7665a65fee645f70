namespace SshKeep.Health;

/// <summary>ssh connects to its server first: its lowest-descriptor outbound socket no listener of its accepted.</summary>
/// <param name="Remote">The endpoint ssh chose: the right one for a reachability check.</param>
internal sealed record ServerConnection(int Fd, IPEndPoint Local, IPEndPoint Remote, TcpSocketState State, int Retransmits)
{
    public bool IsConnecting => State == TcpSocketState.SynSent;

    /// <summary>Null when not connecting yet, behind a proxy, gone or not ours to read; races never throw.</summary>
    /// <param name="serverPort">The server's port when known (ssh -G); rules out -R target connections.</param>
    public static ServerConnection? Of(int pid, int? serverPort = null, string procRoot = "/proc")
    {
        var held = ProcessSockets.Of(pid, procRoot);
        if (held.Count == 0) return null;
        var byInode = TcpSocketTable.Read(pid, procRoot).Where(s => s.Inode != 0).DistinctBy(s => s.Inode).ToDictionary(s => s.Inode);
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

    private static bool Accepts(IPEndPoint listener, IPEndPoint local) =>
        listener.Port == local.Port &&
        (listener.Address.Equals(IPAddress.Any) || listener.Address.Equals(IPAddress.IPv6Any) || listener.Address.Equals(local.Address));
}

