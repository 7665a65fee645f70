using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Demo;

/// <summary>
/// What a client of a tunnel sees, as EchoProbe names it (bench/clients counts failures by these
/// kinds): each case is a listener on 127.0.0.1 that behaves one way with the connection it accepts.
/// </summary>
public sealed class EchoProbeTests
{
    private static readonly byte[] Token = "one attempt\n"u8.ToArray();

    public enum Peer
    {
        Echoes,
        ReadsThenCloses,
        Resets,
        StaysSilent,
    }

    [Theory]
    [InlineData(Peer.Echoes, nameof(EchoOutcome.Ok))]
    [InlineData(Peer.ReadsThenCloses, nameof(EchoOutcome.Closed))]
    [InlineData(Peer.Resets, nameof(EchoOutcome.Reset))]
    [InlineData(Peer.StaysSilent, nameof(EchoOutcome.Timeout))]
    public async Task An_attempt_says_how_the_peer_ended_it(Peer peer, string expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = ServeOnceAsync(listener, peer);
        // Silence is only ever ended by the deadline; every other peer answers long before it.
        var timeout = peer == Peer.StaysSilent ? TimeSpan.FromMilliseconds(300) : Eventually.DefaultTimeout;

        Assert.Equal(expected, (await EchoProbe.AttemptAsync(port, Token, timeout)).ToString());
        listener.Stop();
        await serving;
    }

    [Fact]
    public async Task An_attempt_on_a_port_nobody_listens_on_is_refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        Assert.Equal(EchoOutcome.Refused, await EchoProbe.AttemptAsync(port, Token, Eventually.DefaultTimeout));
    }

    private static async Task ServeOnceAsync(TcpListener listener, Peer peer)
    {
        using var socket = await listener.AcceptSocketAsync();
        if (peer == Peer.Resets)
        {
            // Linger 0, and no shutdown before the close: the kernel sends RST instead of FIN.
            socket.LingerState = new LingerOption(true, 0);
            return;
        }
        var received = new byte[Token.Length];
        // Not owning the socket: disposing the stream neither shuts down nor closes it.
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.ReadExactlyAsync(received);
        switch (peer)
        {
            case Peer.Echoes:
                await socket.SendAsync(received, SocketFlags.None);
                break;
            case Peer.StaysSilent:
                // Held open until the attempt gave up and closed its end (the receive then returns 0).
                await socket.ReceiveAsync(received, SocketFlags.None);
                break;
        }
    }
}
