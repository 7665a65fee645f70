using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SshKeep.Tests.Compat;

/// <summary>An echo service on 127.0.0.1 (OS-chosen port) standing in for <c>-L wp:host:7</c>.</summary>
public sealed class ScriptedEchoServer : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly object _gate = new();
    private readonly MemoryStream _seen = new();
    private readonly Channel<bool> _dribble = Channel.CreateUnbounded<bool>();
    private int _accepted;
    private int _closedByPeer;

    public ScriptedEchoServer(EchoMode mode)
    {
        Mode = mode;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptLoopAsync();
    }

    public EchoMode Mode { get; }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections the client closed (EOF seen).</summary>
    public int ClosedByPeer => Volatile.Read(ref _closedByPeer);

    /// <summary>Every byte received, in order.</summary>
    public byte[] Seen
    {
        get { lock (_gate) return _seen.ToArray(); }
    }

    /// <summary>In <see cref="EchoMode.Dribble"/>, lets one more byte go back.</summary>
    public void SendNextByte() => _dribble.Writer.TryWrite(true);

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
                Socket client = await _listener.AcceptAsync(_stop.Token);
                lock (_gate) _sockets.Add(client);
                Interlocked.Increment(ref _accepted);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            var buffer = new byte[4096];
            var pending = new List<byte>();
            while (true)
            {
                int n = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    Interlocked.Increment(ref _closedByPeer);
                    return;
                }
                lock (_gate) _seen.Write(buffer, 0, n);
                switch (Mode)
                {
                    case EchoMode.Echo:
                        await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
                        break;
                    case EchoMode.Corrupt:
                        for (int i = 0; i < n; i++) buffer[i] = (byte)char.ToUpperInvariant((char)buffer[i]);
                        await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
                        break;
                    case EchoMode.Dribble:
                        pending.AddRange(buffer.AsSpan(0, n));
                        if (pending[^1] != (byte)'\n') break;
                        foreach (byte b in pending)
                        {
                            await _dribble.Reader.ReadAsync(_stop.Token);
                            await client.SendAsync(new[] { b }, SocketFlags.None, _stop.Token);
                        }
                        pending.Clear();
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or ChannelClosedException)
        {
        }
    }
}
