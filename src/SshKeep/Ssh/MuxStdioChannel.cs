namespace SshKeep.Ssh;

/// <summary>Lives as long as the control connection; disposing closes both (and so the channel).</summary>
internal sealed class MuxStdioChannel : IAsyncDisposable
{
    private readonly Socket _control;
    private readonly SafeSocketHandle? _ours;
    private NetworkStream? _stream;
    private int _disposed;

    /// <param name="ours">Null when the channel carries a handed client.</param>
    internal MuxStdioChannel(Socket control, SafeSocketHandle? ours) => (_control, _ours) = (control, ours);

    /// <summary>Made on first use: a connect-only probe never reads or writes it.</summary>
    public Stream Stream
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (_ours is null) throw new InvalidOperationException("the channel carries a handed client: ssh reads and writes it");
            return _stream ??= new NetworkStream(new Socket(_ours), ownsSocket: true);
        }
    }

    /// <summary>When the channel closes both ways, or ssh exits (mux.c links the two; docs/held-ports.md).</summary>
    public async Task ClosedAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64];
        try
        {
            while (await _control.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false) > 0)
            {
                // The master sends nothing more here; anything is ignored.
            }
        }
        catch (SocketException)
        {
            // A reset: ssh is gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (_stream is not null) _stream.Dispose();
            else _ours?.Dispose();
            _control.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
