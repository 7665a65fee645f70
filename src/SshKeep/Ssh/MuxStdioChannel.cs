using System.Net.Sockets;

namespace SshKeep.Ssh;

/// <summary>A direct-tcpip channel opened through a ControlMaster (<see cref="MuxStdioForward"/>); it lives as
/// long as the control connection, and disposing closes both (the master then closes the channel).</summary>
internal sealed class MuxStdioChannel : IAsyncDisposable
{
    private readonly Socket _control;
    private readonly SafeSocketHandle _ours;
    private NetworkStream? _stream;
    private int _disposed;

    internal MuxStdioChannel(Socket control, SafeSocketHandle ours) => (_control, _ours) = (control, ours);

    /// <summary>Our end of the socketpair whose other end is the channel's stdin and stdout; made on first
    /// use (a connect-only probe never reads or writes it).</summary>
    public Stream Stream
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return _stream ??= new NetworkStream(new Socket(_ours), ownsSocket: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (_stream is not null) _stream.Dispose();
            else _ours.Dispose();
            _control.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
