namespace SshKeep.Demo;

/// <summary>An end-to-end check of a forward to an <see cref="EchoServer"/>: the token must come back, since ssh's
/// local listener accepts even while the session is frozen.</summary>
internal static class EchoProbe
{
    /// <summary>False, never an exception, on refusal, reset, short read, wrong bytes or timeout.</summary>
    public static async Task<bool> RoundTripAsync(
        int port, ReadOnlyMemory<byte> token, TimeSpan timeout, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        await AttemptAsync(port, token, timeout, timeProvider, cancellationToken).ConfigureAwait(false) == EchoOutcome.Ok;

    public static async Task<EchoOutcome> AttemptAsync(
        int port, ReadOnlyMemory<byte> token, TimeSpan timeout, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), linked.Token).ConfigureAwait(false);
            await socket.SendAsync(token, SocketFlags.None, linked.Token).ConfigureAwait(false);
            var received = new byte[token.Length];
            var filled = 0;
            while (filled < received.Length)
            {
                var read = await socket.ReceiveAsync(received.AsMemory(filled), SocketFlags.None, linked.Token).ConfigureAwait(false);
                if (read == 0) return EchoOutcome.Closed;
                filled += read;
            }
            return received.AsSpan().SequenceEqual(token.Span) ? EchoOutcome.Ok : EchoOutcome.Closed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return EchoOutcome.Timeout;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionRefused ? EchoOutcome.Refused : EchoOutcome.Reset;
        }
    }
}
