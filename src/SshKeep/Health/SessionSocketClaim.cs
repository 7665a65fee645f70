using System.Globalization;
using System.Net;
using SshKeep.Native;

namespace SshKeep.Health;

/// <summary>
/// A second descriptor for ssh's TCP connection to its server, taken from the running ssh
/// (pidfd_getfd), so that the daemon decides how that connection ends when ssh is gone.
/// </summary>
/// <remarks>
/// Why: a `-R` port belongs to the server's session, and the server lets go of it only when it
/// learns the session is dead. When ssh dies during an outage (its keepalive gave up while the
/// server was unreachable), its FIN is lost, and an sshd without ClientAliveInterval (sshd's
/// default) learns of the death only when a retransmission gets through: TCP backs those off
/// (0.2, 0.4 … 12.8 s), so after a 20 s outage the port stayed held 3–8 s after the heal and
/// the new session could not bind it (bench/soak: 3 misses of the 5 s goal in 500 faults).
/// Holding the socket keeps it from closing when ssh exits; once the server answers again the
/// daemon closes it with a reset (SO_LINGER 0), which the server's kernel acts on at once, so
/// the old session ends and the port is free for the next ssh within a round trip.
/// <para>Taking the descriptor needs the right to ptrace ssh (our own child: the same uid, and
/// Yama's default scope allows a parent); without it, or on a kernel before 5.6 or a libc before
/// 2.36, there is no claim and everything behaves as before. The descriptor is close-on-exec
/// (pidfd_getfd sets it), so no later ssh inherits it.</para>
/// </remarks>
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

    /// <summary>True when the server's kernel still acknowledges what was sent on the connection
    /// (no retransmission pending), or the connection is already over: a plain close then reaches
    /// the server now, as ssh's own would have. False when segments are going unanswered (the
    /// server or the path is silent): a FIN sent now would be lost.</summary>
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

    /// <summary>Closes our descriptor the ordinary way (a FIN, retransmitted by the kernel),
    /// as ssh's own exit would have.</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) LibC.close(fd);
    }

    private static TcpSocket? RowOf(ulong inode) =>
        TcpSocketTable.Read().FirstOrDefault(s => s.Inode == inode);
}
