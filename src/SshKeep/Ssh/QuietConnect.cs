namespace SshKeep.Ssh;

/// <summary>A connect whose failure is a value: a thrown one symbolizes its stack trace (about 2 MB loaded, the pdb
/// read), and reachability checks of a refusing server fail ten times a second per tunnel.</summary>
internal static class QuietConnect
{
    /// <summary>Cancelling aborts the connect and throws.</summary>
    public static async Task<SocketError> ConnectAsync(Socket socket, EndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(endPoint);
        cancellationToken.ThrowIfCancellationRequested();
        using var connect = new Completion { RemoteEndPoint = endPoint };
        if (socket.ConnectAsync(connect))
        {
            await using (cancellationToken.UnsafeRegister(static state => Socket.CancelConnectAsync((SocketAsyncEventArgs)state!), connect))
            {
                await connect.Done.Task.ConfigureAwait(false);
            }
        }
        if (connect.SocketError != SocketError.Success && cancellationToken.IsCancellationRequested)
            throw new OperationCanceledException(cancellationToken);
        return connect.SocketError;
    }

    private sealed class Completion : SocketAsyncEventArgs
    {
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void OnCompleted(SocketAsyncEventArgs e) => Done.TrySetResult();
    }
}
