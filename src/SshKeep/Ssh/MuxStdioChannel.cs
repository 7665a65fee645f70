using System.Net.Sockets;

namespace SshKeep.Ssh;

/// <summary>
/// A direct-tcpip channel opened through a ControlMaster (<see cref="MuxStdioForward"/>): bytes
/// written to <see cref="Stream"/> go to the target as the server connects to it, and its bytes
/// come back. It lives as long as the control connection; disposing closes both, and the master
/// then closes the channel.
/// </summary>
internal sealed class MuxStdioChannel : IAsyncDisposable
{
    private readonly Socket _control;
    private readonly SafeSocketHandle _ours;
    private NetworkStream? _stream;
    private int _disposed;

    internal MuxStdioChannel(Socket control, SafeSocketHandle ours, uint channelId)
    {
        _control = control;
        _ours = ours;
        ChannelId = channelId;
    }

    /// <summary>Our end of the socketpair whose other end the master holds as the channel's stdin and stdout.
    /// The master holds two descriptors of that end, so EOF arrives only when the channel is closed
    /// in both directions, not on a half-close by the target. Made on first use: a connect-only
    /// probe never reads or writes it.</summary>
    public Stream Stream
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return _stream ??= new NetworkStream(new Socket(_ours), ownsSocket: true);
        }
    }

    /// <summary>The master's channel number (MUX_S_SESSION_OPENED's session id), for logs.</summary>
    public uint ChannelId { get; }

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
