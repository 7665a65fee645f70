using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshKeep.Tests.Health;

/// <summary>
/// A loopback TCP service that answers every connection with the same bytes once the client has
/// said something (a wrong-reply service, a tiny HTTP server), and records what it was sent. A
/// connection that closes without sending anything (a probe's connect-only step) gets nothing.
/// </summary>
internal sealed class CannedResponder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly byte[] _reply;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly List<string> _requests = [];

    private CannedResponder(string reply)
    {
        _reply = Encoding.UTF8.GetBytes(reply);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>The first chunk each talking client sent, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static CannedResponder Start(string reply) => new(reply);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _loop;
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
            connections.Add(AnswerAsync(client));
        }
        await Task.WhenAll(connections);
    }

    private async Task AnswerAsync(Socket client)
    {
        using (client)
        {
            try
            {
                var buffer = new byte[4096];
                var read = await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0) return;
                lock (_requests) _requests.Add(Encoding.UTF8.GetString(buffer, 0, read));
                await client.SendAsync(_reply, SocketFlags.None, _stopping.Token);
                client.Shutdown(SocketShutdown.Send);
                // Wait for the client to close first, so it reads the reply rather than a reset.
                while (await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
