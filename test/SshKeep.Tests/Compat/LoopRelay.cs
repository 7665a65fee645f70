using System.Net;
using System.Net.Sockets;

namespace SshKeep.Tests.Compat;

/// <summary>
/// Emulates ssh's monitor loop on one machine: listens on 127.0.0.1:wp (an OS-chosen port) and, for
/// each connection, opens one connection to 127.0.0.1:wp+1 — the monitor's listener — and relays
/// bytes according to <see cref="RelayMode"/>.
/// </summary>
public sealed class LoopRelay : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly object _gate = new();
    private readonly MemoryStream _seen = new();
    private int _accepted;

    public LoopRelay(RelayMode mode)
    {
        Mode = mode;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        WritePort = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptLoopAsync();
    }

    public RelayMode Mode { get; }

    public int WritePort { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Every byte received from the monitor's write connections, in order.</summary>
    public byte[] Seen
    {
        get { lock (_gate) return _seen.ToArray(); }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_gate)
        {
            foreach (Socket s in _sockets) s.Dispose();
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket inbound = await _listener.AcceptAsync(_stop.Token);
                Track(inbound);
                Interlocked.Increment(ref _accepted);
                _ = RelayAsync(inbound);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task RelayAsync(Socket inbound)
    {
        try
        {
            Socket? outbound = null;
            if (Mode != RelayMode.NoReadConnection)
            {
                outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                Track(outbound);
                await outbound.ConnectAsync(new IPEndPoint(IPAddress.Loopback, WritePort + 1), _stop.Token);
            }
            var buffer = new byte[4096];
            while (true)
            {
                int n = await inbound.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    if (outbound is not null) outbound.Shutdown(SocketShutdown.Send);
                    return;
                }
                lock (_gate) _seen.Write(buffer, 0, n);
                if (outbound is null || Mode == RelayMode.Swallow) continue;
                if (Mode == RelayMode.Corrupt)
                {
                    for (int i = 0; i < n; i++) buffer[i] = (byte)char.ToUpperInvariant((char)buffer[i]);
                }
                await outbound.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private void Track(Socket socket)
    {
        lock (_gate) _sockets.Add(socket);
    }
}
