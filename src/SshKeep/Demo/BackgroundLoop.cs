namespace SshKeep.Demo;

/// <summary>A watcher's loop; disposal cancels it and waits, so nothing runs after its owner is gone.</summary>
internal sealed class BackgroundLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="body">Runs until the token is cancelled; it may end by throwing OperationCanceledException.</param>
    public BackgroundLoop(Func<CancellationToken, Task> body) => _loop = Task.Run(() => body(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
    }
}
