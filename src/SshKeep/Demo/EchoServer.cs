namespace SshKeep.Demo;

/// <summary>A TCP echo service on 127.0.0.1, a free port: a tunnel's far end, for <see cref="EchoProbe"/>.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly BackgroundLoop _acceptLoop;
    private readonly List<Task> _connections = [];
    private int _accepted;

    private EchoServer(TcpListener listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _acceptLoop = new BackgroundLoop(AcceptLoopAsync);
    }

    public int Port { get; }

    public int ConnectionsAccepted => Volatile.Read(ref _accepted);

    /// <summary>Listens at once (the kernel picks the port), so the port accepts when this returns.</summary>
    public static EchoServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new EchoServer(listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _acceptLoop.DisposeAsync().ConfigureAwait(false);
        _listener.Stop();
        Task[] connections;
        lock (_connections) connections = [.. _connections];
        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(EchoAsync(client, stopping));
            }
        }
    }

    private static async Task EchoAsync(TcpClient client, CancellationToken stopping)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, stopping).ConfigureAwait(false)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read), stopping).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The peer went away (a tunnel being killed is the point of the demo) or we are stopping.
            }
        }
    }
}
