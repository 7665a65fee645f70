using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

/// <summary>Tier 2: a connect whose failure is a value (real loopback sockets).</summary>
public class QuietConnectTests
{
    [Fact]
    public async Task A_listening_port_is_success_and_a_closed_one_is_connection_refused_without_an_exception()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var closed = LoopbackPort.PickFree();

        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        Assert.Equal(SocketError.Success, await QuietConnect.ConnectAsync(first, new IPEndPoint(IPAddress.Loopback, open), CancellationToken.None));
        Assert.Equal(SocketError.ConnectionRefused, await QuietConnect.ConnectAsync(second, new IPEndPoint(IPAddress.Loopback, closed), CancellationToken.None));
        Assert.Equal("Connection refused", SocketErrorText.Of(SocketError.ConnectionRefused));
    }

    [Fact]
    public async Task A_missing_unix_socket_is_an_error_value()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var path = Path.Combine(Path.GetTempPath(), $"sshkeep-quiet-{Guid.NewGuid():N}.sock");

        var error = await QuietConnect.ConnectAsync(socket, new UnixDomainSocketEndPoint(path), CancellationToken.None);

        Assert.NotEqual(SocketError.Success, error);
    }

    [Fact]
    public async Task A_cancelled_token_throws_operation_cancelled()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            QuietConnect.ConnectAsync(socket, new IPEndPoint(IPAddress.Loopback, 9), cancelled.Token));
    }
}
