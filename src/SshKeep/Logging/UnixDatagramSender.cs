using System.Net;
using System.Net.Sockets;

namespace SshKeep.Logging;

/// <summary>
/// A non-blocking, unconnected Unix datagram socket that names its address on every send, as
/// sd_journal_send() and sd_notify() use theirs: journald's native socket
/// (<see cref="DaemonLoggerProvider"/>) and systemd's <c>NOTIFY_SOCKET</c> (Daemon/SystemdNotifier).
/// Naming the address each time makes a restarted listener (a new socket at the same path) cost
/// nothing; never blocking means a listener that stopped reading costs a datagram (EAGAIN), never
/// a stalled caller. After a failed send the socket is closed and the next send opens a new one.
/// Not thread-safe: its users send under their own locks.
/// </summary>
internal sealed class UnixDatagramSender : IDisposable
{
    /// <summary>Where journald listens for native entries.</summary>
    public const string JournalPath = "/run/systemd/journal/socket";

    private readonly SocketAddress _address;
    private Socket? _socket;
    private bool _disposed;

    /// <param name="path">A file-system path, or Linux's abstract namespace with a leading NUL.</param>
    /// <exception cref="ArgumentException">Longer than sun_path (108 bytes): no socket can be addressed that way.</exception>
    public UnixDatagramSender(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _address = new UnixDomainSocketEndPoint(path).Serialize();
    }

    /// <summary>Sends one datagram; false when it was not sent (no socket, nobody listening, queue
    /// full, too large, disposed), with the reason in <paramref name="error"/>.</summary>
    public bool TrySend(ReadOnlySpan<byte> datagram, out string? error)
    {
        error = null;
        if (_disposed) return false;
        try
        {
            _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
            return _socket.SendTo(datagram, SocketFlags.None, _address) == datagram.Length;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _socket?.Dispose();
            _socket = null;
            error = e.Message;
            return false;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _socket?.Dispose();
        _socket = null;
    }
}
