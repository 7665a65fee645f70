using System.Net;
using System.Net.Sockets;

namespace SshKeep.Tests.Health;

/// <summary>
/// A port on 127.0.0.1 that swallows SYNs, without root or iptables: a listener with a backlog
/// of 0 whose accept queue is filled by one connection that is never accepted. Linux drops a SYN
/// for a listener whose accept queue is full (tcp_conn_request), so later connects stay in
/// SYN_SENT and retransmit, exactly as towards a black-holed server.
/// </summary>
internal sealed class BlackHoleListener : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _filler = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    private BlackHoleListener()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    public static async Task<BlackHoleListener> OpenAsync()
    {
        var hole = new BlackHoleListener();
        await hole._filler.ConnectAsync(hole.Endpoint);
        return hole;
    }

    public void Dispose()
    {
        _filler.Dispose();
        _listener.Dispose();
    }
}
