namespace SshKeep.Logging;

/// <summary>An unconnected, non-blocking Unix datagram socket, as sd_notify() uses: a restarted listener costs nothing, a
/// stuck one a datagram, never a stalled caller. Not thread-safe: users send under their locks.</summary>
internal sealed class UnixDatagramSender : IDisposable
{
    public const string JournalPath = "/run/systemd/journal/socket";

    private readonly SocketAddress _address;
    private Socket? _socket;
    private bool _disposed;

    /// <exception cref="ArgumentException">Longer than sun_path (108 bytes).</exception>
    public UnixDatagramSender(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _address = new UnixDomainSocketEndPoint(path).Serialize();
    }

    /// <summary>False when not sent, with the reason; a failed send closes the socket, the next opens one.</summary>
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
