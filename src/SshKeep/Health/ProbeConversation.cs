using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>One probe exchange; it keeps what arrived, so a timeout can say how far the reply got.</summary>
internal sealed class ProbeConversation(ProbeExchange exchange, string host)
{
    private readonly byte[] _reply = new byte[ProbeReply.ReplyLimit(exchange)];
    private int _received;

    /// <summary>Null when the exchange passed, else why not. I/O errors are failures; cancellation throws.</summary>
    public async Task<string?> RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            var request = ProbeReply.Request(exchange, host);
            if (request.Length > 0)
            {
                await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            while (true)
            {
                var full = _received == _reply.Length;
                var judgement = ProbeReply.Judge(exchange, _reply.AsSpan(0, _received), ended: full);
                if (judgement.Done) return judgement.Failure;
                var read = await stream.ReadAsync(_reply.AsMemory(_received), cancellationToken).ConfigureAwait(false);
                if (read == 0) return ProbeReply.Judge(exchange, _reply.AsSpan(0, _received), ended: true).Failure;
                _received += read;
            }
        }
        catch (IOException e)
        {
            return e.InnerException is SocketException socket ? SocketErrorText.Of(socket) : e.Message;
        }
        catch (SocketException e)
        {
            return SocketErrorText.Of(e);
        }
    }

    public string TimedOut(string within) =>
        _received == 0 ? $"no reply within {within}" : $"only {ProbeReply.Quote(_reply.AsSpan(0, _received))} within {within}";
}
