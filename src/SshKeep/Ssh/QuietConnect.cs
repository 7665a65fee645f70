using System.Net;
using System.Net.Sockets;

namespace SshKeep.Ssh;

/// <summary>
/// A TCP or Unix-socket connect whose failure is a value, not an exception.
/// </summary>
/// <remarks>
/// <see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/> reports a refused connect by
/// throwing, and a connect refused at once (the usual answer on loopback, and from a restarting
/// sshd) builds that exception's stack trace with file and line numbers: the runtime loads
/// System.Diagnostics.StackTrace, System.Reflection.Metadata and sshkeep.pdb (about 2 MB that stay
/// resident) and reads the pdb for every such failure. Reachability checks run every 100 ms per
/// waiting tunnel while a server refuses, so an outage made the daemon symbolize stack traces ten
/// times a second per tunnel. The <see cref="SocketAsyncEventArgs"/> form of connect reports the
/// error in <see cref="SocketAsyncEventArgs.SocketError"/> instead.
/// </remarks>
internal static class QuietConnect
{
    /// <summary>
    /// Connects <paramref name="socket"/> to <paramref name="endPoint"/>: <see cref="SocketError.Success"/>
    /// or the error (ConnectionRefused, TimedOut, …). Cancelling <paramref name="cancellationToken"/>
    /// aborts the connect and throws <see cref="OperationCanceledException"/>.
    /// </summary>
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
