using System.Net;
using System.Net.Sockets;

namespace SshKeep.Logging;

/// <summary>
/// journald's native socket, as sd_journal_send() uses it: an unconnected datagram socket that
/// names the path on every send, so a journald restart (a new socket at the same path) costs
/// nothing. Sends never block: when journald's queue is full the send fails with EAGAIN, and the
/// caller writes that line to stderr instead (docs/observability.md "What journald gets").
/// Not thread-safe: <see cref="DaemonLoggerProvider"/> sends under its lock.
/// </summary>
/// <remarks>
/// An entry too large for one datagram (EMSGSIZE) is not passed in a memfd, as systemd's own
/// client does: the daemon's entries are a line and at most a cut stack trace, far below the
/// datagram limit, so that path would never run. If it did, the line goes to stderr.
/// </remarks>
internal sealed class JournalSocket : IDisposable
{
    /// <summary>Where journald listens for native entries.</summary>
    public const string DefaultPath = "/run/systemd/journal/socket";

    private readonly Socket _socket;
    private readonly SocketAddress _address;

    /// <param name="path">The socket's path; tests bind their own.</param>
    public JournalSocket(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _address = new UnixDomainSocketEndPoint(path).Serialize();
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
    }

    public string Path { get; }

    /// <summary>Sends one entry; false when it was not sent (no socket, nobody listening, queue
    /// full, too large), and the caller must write the line elsewhere.</summary>
    public bool TrySend(ReadOnlySpan<byte> datagram)
    {
        try
        {
            return _socket.SendTo(datagram, SocketFlags.None, _address) == datagram.Length;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
