namespace SshKeep.Demo;

/// <summary>One end-to-end check of a forward whose far end is an <see cref="EchoServer"/>: connect to
/// 127.0.0.1:port, send a token, and expect the same bytes back. A connection accepted by ssh's
/// local listener proves nothing by itself (ssh accepts even when the session is frozen); only the
/// bytes coming back do.</summary>
internal static class EchoProbe
{
    /// <summary>True when <paramref name="token"/> came back intact within <paramref name="timeout"/>;
    /// false on refusal, reset, short read, wrong bytes or timeout. Never throws for those.</summary>
    public static async Task<bool> RoundTripAsync(
        int port, ReadOnlyMemory<byte> token, TimeSpan timeout, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        await AttemptAsync(port, token, timeout, timeProvider, cancellationToken).ConfigureAwait(false) == EchoOutcome.Ok;

    /// <summary>As <see cref="RoundTripAsync"/>, saying how the attempt ended.</summary>
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
