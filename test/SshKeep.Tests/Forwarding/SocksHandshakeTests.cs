using System.Net;
using System.Net.Sockets;
using SshKeep.Forwarding;
using SshKeep.Tests.Integration.Infrastructure;
using static SshKeep.Tests.Forwarding.SocksParserTests;

namespace SshKeep.Tests.Forwarding;

/// <summary>Tier 2: the SOCKS handshake over a real loopback connection, with the client's side played by the test.</summary>
public sealed class SocksHandshakeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("04 01 00 50 7f 00 00 01 62 6f 62 00", "Socks4 127.0.0.1 80", "00 5a 00 00 00 00 00 00")]
    [InlineData("04 01 01 bb 00 00 00 01 00 65 78 61 6d 70 6c 65 2e 6f 72 67 00", "Socks4a example.org 443", "00 5a 00 00 00 00 00 00")]
    public async Task A_socks4_client_gets_its_target_and_its_first_bytes_stay_unread_for_ssh(string request, string target, string success)
    {
        using var pair = await Pair.ConnectAsync();
        await pair.Client.SendAsync(Bytes(request + " 47 45 54"));

        var outcome = await SocksHandshake.ReadAsync(pair.Accepted, Generous, default).Within("the handshake");

        Assert.Equal(target, Show(outcome));
        Assert.Equal("47 45 54", await pair.UnreadByAcceptedAsync(3));
        await pair.Accepted.SendAsync(SocksHandshake.SuccessReply(((SocksStep.Request)outcome).Version));
        Assert.Equal(success, await pair.ReceivedByClientAsync(8));
    }

    [Theory]
    [InlineData("05 01 00 03 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 01 bb", "Socks5 example.org 443")]
    [InlineData("05 01 00 01 c0 00 02 01 00 16", "Socks5 192.0.2.1 22")]
    [InlineData("05 01 00 04 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 01 bb", "Socks5 2001:db8::1 443")]
    public async Task A_socks5_client_is_told_no_authentication_and_then_gets_its_target(string request, string target)
    {
        using var pair = await Pair.ConnectAsync();
        await pair.Client.SendAsync(Bytes("05 02 02 00"));

        var reading = SocksHandshake.ReadAsync(pair.Accepted, Generous, default);
        Assert.Equal("05 00", await pair.ReceivedByClientAsync(2));
        await pair.Client.SendAsync(Bytes(request));
        var outcome = await reading.Within("the handshake");

        Assert.Equal(target, Show(outcome));
        await pair.Accepted.SendAsync(SocksHandshake.SuccessReply(SocksVersion.Socks5));
        Assert.Equal("05 00 00 01 00 00 00 00 00 00", await pair.ReceivedByClientAsync(10));
    }

    [Fact]
    public async Task A_socks5_client_that_offers_only_a_password_gets_05_ff()
    {
        using var pair = await Pair.ConnectAsync();
        await pair.Client.SendAsync(Bytes("05 01 02"));

        var outcome = await SocksHandshake.ReadAsync(pair.Accepted, Generous, default).Within("the handshake");

        Assert.Equal("refused: the SOCKS5 client offers no method sshkeep accepts (offered: 0x02; accepted: 0x00, no authentication)", Show(outcome));
        Assert.Equal("05 ff", await pair.ReceivedByClientAsync(2));
    }

    [Fact]
    public async Task A_client_that_sends_half_a_request_and_goes_silent_is_refused_when_its_time_is_up()
    {
        using var pair = await Pair.ConnectAsync();
        await pair.Client.SendAsync(Bytes("04 01 00"));

        var outcome = await SocksHandshake.ReadAsync(pair.Accepted, TimeSpan.FromMilliseconds(200), default).Within("the handshake");

        // How many of the 3 bytes were read by then is the scheduler's business, not the behaviour's.
        Assert.StartsWith("refused: no complete SOCKS request within 0.2s (", Show(outcome));
    }

    [Fact]
    public async Task A_client_that_closes_at_once_is_refused()
    {
        using var pair = await Pair.ConnectAsync();
        pair.Client.Close();

        var outcome = await SocksHandshake.ReadAsync(pair.Accepted, Generous, default).Within("the handshake");

        Assert.Equal("refused: the client closed the connection after 0 bytes, before its SOCKS request was complete", Show(outcome));
    }

    [Fact]
    public async Task A_client_that_resets_its_connection_is_refused_not_thrown()
    {
        using var pair = await Pair.ConnectAsync();
        await pair.Client.SendAsync(Bytes("05"));
        pair.Client.LingerState = new LingerOption(true, 0);
        pair.Client.Close();

        var outcome = await SocksHandshake.ReadAsync(pair.Accepted, Generous, default).Within("the handshake");

        Assert.IsType<SocksStep.Refused>(outcome);
    }

    [Fact]
    public async Task A_tls_client_is_refused_by_its_first_byte_with_no_reply()
    {
        using var pair = await Pair.ConnectAsync();
        await pair.Client.SendAsync(Bytes("16 03 01 02 00 01 00 01 fc 03 03"));

        var outcome = await SocksHandshake.ReadAsync(pair.Accepted, Generous, default).Within("the handshake");

        Assert.Equal("refused: not a SOCKS request: first byte 0x16 (a TLS handshake?)", Show(outcome));
        pair.Accepted.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await pair.Client.ReceiveAsync(new byte[1].AsMemory()).AsTask().Within("the close"));
    }

    [Fact]
    public async Task Stopping_while_a_client_is_silent_throws_operation_canceled()
    {
        using var pair = await Pair.ConnectAsync();
        using var stopping = new CancellationTokenSource();

        var reading = SocksHandshake.ReadAsync(pair.Accepted, Generous, stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading).Within("the handshake to stop");
    }

    [Fact]
    public void A_failure_is_0x5b_for_socks4_and_general_failure_for_socks5()
    {
        Assert.Equal("00 5b 00 00 00 00 00 00", Hex(SocksHandshake.FailureReply(SocksVersion.Socks4a)));
        Assert.Equal("05 01 00 01 00 00 00 00 00 00", Hex(SocksHandshake.FailureReply(SocksVersion.Socks5)));
    }

    private static string Show(SocksStep outcome) => outcome switch
    {
        SocksStep.Request target => $"{target.Version} {target.Host} {target.Port}",
        SocksStep.Refused refused => $"refused: {refused.Reason}",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };


    /// <summary>A loopback connection: the client's end and the end sshkeep accepted.</summary>
    private sealed class Pair(Socket client, Socket accepted) : IDisposable
    {
        public Socket Client { get; } = client;

        public Socket Accepted { get; } = accepted;

        public static async Task<Pair> ConnectAsync()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            return new Pair(client, await listener.AcceptAsync());
        }

        /// <summary>What the accepted end has left unread, as ssh would find it.</summary>
        public Task<string> UnreadByAcceptedAsync(int count) => ReadAsync(Accepted, count);

        /// <summary>What the client reads of sshkeep's replies.</summary>
        public Task<string> ReceivedByClientAsync(int count) => ReadAsync(Client, count);

        public void Dispose()
        {
            Client.Dispose();
            Accepted.Dispose();
        }

        private static async Task<string> ReadAsync(Socket socket, int count)
        {
            var buffer = new byte[count];
            for (int have = 0; have < count;)
            {
                int got = await socket.ReceiveAsync(buffer.AsMemory(have)).AsTask().Within($"{count} bytes");
                Assert.NotEqual(0, got);
                have += got;
            }
            return Hex(buffer);
        }
    }
}
