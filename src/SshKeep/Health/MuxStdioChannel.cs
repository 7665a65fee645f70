using System.Net.Sockets;

namespace SshKeep.Health;

/// <summary>
/// A direct-tcpip channel opened through a ControlMaster (<see cref="MuxStdioForward"/>): bytes
/// written to <see cref="Stream"/> go to the target as the server connects to it, and its bytes
/// come back. It lives as long as the control connection; disposing closes both, and the master
/// then closes the channel.
/// </summary>
public sealed class MuxStdioChannel : IAsyncDisposable
{
    private readonly Socket _control;
    private readonly NetworkStream _stream;
    private int _disposed;

    internal MuxStdioChannel(Socket control, Socket ours, uint channelId)
    {
        _control = control;
        _stream = new NetworkStream(ours, ownsSocket: true);
        ChannelId = channelId;
    }

    /// <summary>Our end of the socketpair whose other end the master holds as the channel's stdin and stdout.
    /// The master holds two descriptors of that end, so EOF arrives only when the channel is closed
    /// in both directions, not on a half-close by the target.</summary>
    public Stream Stream => _stream;

    /// <summary>The master's channel number (MUX_S_SESSION_OPENED's session id), for logs.</summary>
    public uint ChannelId { get; }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _control.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
