using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>A socket, not a pipe; the oldest lines are dropped (docs/daemon.md "Children: exits and stderr").</summary>
internal sealed class StderrSocketReader : IDisposable
{
    /// <summary>ssh writes few lines unless run with -v.</summary>
    internal const int Capacity = 1024;

    internal const int MaxLineBytes = 16 * 1024;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
    private byte[] _pending = new byte[256];
    private int _pendingLength;
    private int _disposed;

    private StderrSocketReader(SafeSocketHandle ours)
    {
        _socket = new Socket(ours);
        _ = ReadAsync();
    }

    public ChannelReader<string> Lines => _lines.Reader;

    /// <summary>The caller closes the child's end once the child has its copy (else no EOF). The reader comes first: an
    /// unread child dies of SIGPIPE.</summary>
    public static unsafe (StderrSocketReader Reader, int ChildEnd) Open()
    {
        int* fds = stackalloc int[2];
        if (LibC.socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw new IOException($"socketpair: {LibC.StrError(Marshal.GetLastPInvokeError())}");
        }
        var ours = new SafeSocketHandle(fds[0], ownsHandle: true);
        try
        {
            return (new StderrSocketReader(ours), fds[1]);
        }
        catch
        {
            ours.Dispose();
            LibC.close(fds[1]);
            throw;
        }
    }

    /// <summary>Ends the read even while a grandchild holds the other end; lines read stay readable.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // The read loop closes the socket; disposing _stop could race the loop, and it has no timer to free.
        _stop.Cancel();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                int count = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (count == 0) break; // every writer (the child and anything it started) is gone
                Append(buffer.AsSpan(0, count));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Either ends the lines as EOF does.
        }
        finally
        {
            if (_pendingLength > 0) Publish();
            _lines.Writer.TryComplete();
            _socket.Dispose();
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        foreach (var c in bytes)
        {
            if (c == (byte)'\n')
            {
                Publish();
                continue;
            }
            if (_pendingLength == _pending.Length)
            {
                if (_pending.Length < MaxLineBytes) Array.Resize(ref _pending, Math.Min(_pending.Length * 4, MaxLineBytes));
                else Publish();
            }
            _pending[_pendingLength++] = c;
        }
    }

    private void Publish()
    {
        var length = _pendingLength;
        _pendingLength = 0;
        // ssh ends lines with "\r\n" when it has a terminal in raw mode; the \r is not content.
        if (length > 0 && _pending[length - 1] == (byte)'\r') length--;
        _lines.Writer.TryWrite(Encoding.UTF8.GetString(_pending, 0, length));
    }
}
