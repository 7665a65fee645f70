using SshKeep.Native;

namespace SshKeep.Health;

/// <summary>A copy of ssh's server connection (docs/reachability.md, "A remote port still held by a dead session").</summary>
internal sealed class SessionSocketClaim : IDisposable
{
    private int _fd;
    private readonly ulong _inode;

    private SessionSocketClaim(int fd, ulong inode, ServerConnection connection)
    {
        _fd = fd;
        _inode = inode;
        Connection = connection;
    }

    public ServerConnection Connection { get; }

    /// <summary>Null: no such connection, or the kernel (&lt; 5.6), libc (&lt; 2.36) or ptrace rights say no.</summary>
    public static SessionSocketClaim? Take(int pid, int? serverPort = null)
    {
        if (ServerConnection.Of(pid, serverPort) is not { IsConnecting: false } connection) return null;
        var pidfd = -1;
        try
        {
            pidfd = LibC.pidfd_open(pid, 0);
            if (pidfd < 0) return null;
            var fd = LibC.pidfd_getfd(pidfd, connection.Fd, 0);
            if (fd < 0) return null;
            // ssh may have reused that number since the /proc read: keep the copy only if it is the same connection.
            if (ProcessSockets.InodeOf($"/proc/self/fd/{fd.ToString(CultureInfo.InvariantCulture)}") is { } inode
                && RowOf(inode) is { } row && row.Local.Equals(connection.Local) && row.Remote.Equals(connection.Remote))
            {
                return new SessionSocketClaim(fd, inode, connection);
            }
            LibC.close(fd);
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // libc before 2.36
        }
        finally
        {
            if (pidfd >= 0) LibC.close(pidfd);
        }
    }

    /// <summary>False while segments go unanswered: a FIN sent now would be lost.</summary>
    public bool ServerHearsUs() =>
        RowOf(_inode) is not { State: TcpSocketState.Established or TcpSocketState.CloseWait } row || row.Retransmits == 0;

    /// <summary>A reset: the server drops the session and its -R ports as soon as it arrives.</summary>
    public void Reset()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0) return;
        var linger = new LibC.Linger { OnOff = 1, Seconds = 0 };
        unsafe
        {
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_LINGER, &linger, (uint)sizeof(LibC.Linger));
        }
        LibC.close(fd);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) LibC.close(fd);
    }

    private static TcpSocket? RowOf(ulong inode) =>
        TcpSocketTable.Read().FirstOrDefault(s => s.Inode == inode);
}
