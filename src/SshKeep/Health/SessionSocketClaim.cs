using System.Globalization;
using System.Net;
using SshKeep.Native;

namespace SshKeep.Health;

/// <summary>
/// A second descriptor for ssh's TCP connection to its server, taken from the running ssh
/// (pidfd_getfd), so that the daemon decides how that connection ends when ssh is gone: why and
/// when, in docs/reachability.md ("A remote port still held by a dead session").
/// </summary>
/// <remarks>Without the right to ptrace ssh, a kernel before 5.6 or a libc before 2.36 there is no
/// claim. The descriptor is close-on-exec (pidfd_getfd sets it), so no later ssh inherits it.</remarks>
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

    /// <summary>The connection as it was when it was claimed.</summary>
    public ServerConnection Connection { get; }

    /// <summary>Claims ssh's established connection to its server, or returns null: no such
    /// connection (a proxy carries it, ssh is gone), or the kernel or libc cannot, or we may not.</summary>
    /// <param name="serverPort">The server's port when known; rules out -R target connections.</param>
    public static SessionSocketClaim? Take(int pid, int? serverPort = null)
    {
        if (ConnectStall.ServerConnectionOf(pid, serverPort) is not { IsConnecting: false } connection) return null;
        var pidfd = -1;
        try
        {
            pidfd = LibC.pidfd_open(pid, 0);
            if (pidfd < 0) return null;
            var fd = LibC.pidfd_getfd(pidfd, connection.Fd, 0);
            if (fd < 0) return null;
            // ssh may have closed that descriptor and reused its number between the /proc read
            // and the copy: keep the copy only if it is the same connection.
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

    /// <summary>True when the server's kernel still acknowledges what was sent (no retransmission
    /// pending) or the connection is over: a plain close reaches it now. False when segments go
    /// unanswered: a FIN sent now would be lost.</summary>
    public bool ServerHearsUs() =>
        RowOf(_inode) is not { State: TcpSocketState.Established or TcpSocketState.CloseWait } row || row.Retransmits == 0;

    /// <summary>Ends the connection with a reset, so the server drops the session (and its -R
    /// ports) as soon as the segment arrives; call it when the server is known to answer.</summary>
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

    /// <summary>Closes our descriptor the ordinary way (a FIN, retransmitted by the kernel).</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) LibC.close(fd);
    }

    private static TcpSocket? RowOf(ulong inode) =>
        TcpSocketTable.Read().FirstOrDefault(s => s.Inode == inode);
}
