using System.Net.Sockets;
using System.Threading.Channels;

namespace SshKeep.Ssh;

/// <summary>
/// Reads ssh's stderr from our end of a socketpair (ssh's fd 2 is the other end) with the
/// runtime's own socket engine, and publishes the lines.
/// </summary>
/// <remarks>
/// Why a socket and not a pipe: .NET has no asynchronous read for a pipe fd, so a
/// pipe needs a thread blocked in poll(2) per ssh (<see cref="StderrLineReader"/>, still used for
/// hooks): 300 tunnels were 300 threads. A socket is read by the one epoll thread the runtime
/// already runs for every socket, so an idle tunnel costs no thread, no stack and no wake-up. ssh
/// only write(2)s its log lines to fd 2, which behaves the same on a stream socket: EOF comes when
/// every writer (ssh and anything it started) is gone, and a write after we closed our end is
/// EPIPE/SIGPIPE, as with a pipe. <see cref="Dispose"/> ends the read even while a grandchild of ssh
/// (a ProxyCommand) keeps its end open for ever, by closing our end.
/// The line buffer is bounded and drops the oldest lines: if nobody reads them, ssh must still
/// never block on a full socket.
/// </remarks>
internal sealed class StderrSocketReader : IDisposable
{
    /// <summary>Bytes read at a time; ssh's lines are short, a longer burst just takes more reads.</summary>
    private const int ReadBufferBytes = 1024;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly StderrLineSplitter _splitter = new();
    private int _disposed;

    /// <summary>Takes ownership of <paramref name="ours"/> (our end of the socketpair) and starts reading.</summary>
    public StderrSocketReader(SafeSocketHandle ours)
    {
        _socket = new Socket(ours);
        _ = ReadAsync();
    }

    public ChannelReader<string> Lines => _splitter.Lines;

    /// <summary>Ends the read (our end is closed). Lines already read stay readable.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // The read loop closes the socket once the cancellation reached it. _stop is never disposed:
        // it has no timer and no wait handle, and disposing it here could race the loop's own use.
        _stop.Cancel();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[ReadBufferBytes];
        try
        {
            while (true)
            {
                int count = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (count == 0) break; // EOF: every writer (ssh and anything it started) is gone
                _splitter.Append(buffer.AsSpan(0, count));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed, or the socket failed (ECONNRESET cannot happen on a socketpair ssh only
            // writes to, but any error ends the lines the same way EOF does).
        }
        finally
        {
            _splitter.Complete();
            _socket.Dispose();
        }
    }
}
