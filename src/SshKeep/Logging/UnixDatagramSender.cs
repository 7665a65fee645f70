using System.Net;
using System.Net.Sockets;

namespace SshKeep.Logging;

/// <summary>
/// A non-blocking, unconnected Unix datagram socket that names its address on every send, as
/// sd_journal_send() and sd_notify() do (journald's socket; Daemon/SystemdNotifier): a restarted
/// listener costs nothing, one that stopped reading costs a datagram (EAGAIN), never a stalled caller.
/// A failed send closes the socket; the next opens a new one. Not thread-safe: users send under their locks.
/// </summary>
internal sealed class UnixDatagramSender : IDisposable
{
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
