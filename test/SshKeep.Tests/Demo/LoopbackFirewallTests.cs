using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Demo;

/// <summary>
/// The fault benchmark's pulled cable: iptables DROP rules on lo for one port, removed exactly on
/// disposal. Each test black-holes only a port it owns (an echo server's, picked by the kernel).
/// </summary>
public sealed class LoopbackFirewallTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private static readonly byte[] Token = "through the firewall\n"u8.ToArray();

    [RootFact]
    public async Task A_black_holed_port_swallows_connects_and_answers_again_once_disposed()
    {
        await using var echo = EchoServer.Start();
        Assert.True(await EchoProbe.RoundTripAsync(echo.Port, Token, Eventually.DefaultTimeout), "the echo server answers before");

        string tag;
        await using (var firewall = await LoopbackFirewall.BlackHoleAsync(echo.Port))
        {
            tag = firewall.Tag;
            Assert.Equal(2, LoopbackFirewall.RulesTagged(tag).Count);
            Assert.Equal(ConnectOutcome.TimedOut, await ConnectAsync(echo.Port));
        }

        Assert.Empty(LoopbackFirewall.RulesTagged(tag));
        Assert.Equal(ConnectOutcome.Connected, await ConnectAsync(echo.Port));
        Assert.True(await EchoProbe.RoundTripAsync(echo.Port, Token, Eventually.DefaultTimeout), "the echo server answers after");
    }

    [RootFact]
    public async Task An_open_connection_hears_nothing_while_its_port_is_black_holed()
    {
        await using var echo = EchoServer.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, echo.Port);
        var stream = client.GetStream();

        await using (var firewall = await LoopbackFirewall.BlackHoleAsync(echo.Port))
        {
            await stream.WriteAsync(Token);
            using var deadline = new CancellationTokenSource(Short);
            var buffer = new byte[Token.Length];
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream.ReadExactlyAsync(buffer, deadline.Token));
        }
    }

    [RootFact]
    public void Remove_stale_takes_out_every_rule_of_a_dead_process_and_no_other()
    {
        var deadPid = PidOfNoProcess();
        var firstPort = LoopbackPort.PickFree();
        var secondPort = LoopbackPort.PickFree();
        using var ours = LoopbackFirewall.BlackHole(firstPort);
        try
        {
            var first = LoopbackFirewall.BlackHole(firstPort, deadPid);
            var second = LoopbackFirewall.BlackHole(secondPort, deadPid);

            var removed = LoopbackFirewall.RemoveStale(deadPid);

            Assert.Equal(4, removed);
            Assert.Empty(LoopbackFirewall.RulesTagged(first.Tag));
            Assert.Empty(LoopbackFirewall.RulesTagged(second.Tag));
            Assert.Equal(2, LoopbackFirewall.RulesTagged(ours.Tag).Count);
            first.Dispose(); // its rules are gone already: nothing to do, nothing thrown
            second.Dispose();
        }
        finally
        {
            LoopbackFirewall.RemoveStale(deadPid);
        }
    }

    [Fact]
    public void A_tag_names_the_process_and_the_port() =>
        Assert.Equal("sshkeep-1234-2222", LoopbackFirewall.TagFor(1234, 2222));

    private enum ConnectOutcome { Connected, Refused, TimedOut }

    private static async Task<ConnectOutcome> ConnectAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(Short);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
            return ConnectOutcome.Connected;
        }
        catch (OperationCanceledException)
        {
            return ConnectOutcome.TimedOut;
        }
        catch (SocketException)
        {
            return ConnectOutcome.Refused;
        }
    }

    /// <summary>A pid no process has right now, so its tag cannot belong to anyone.</summary>
    private static int PidOfNoProcess()
    {
        for (var pid = 4_000_000; ; pid++)
        {
            if (!Directory.Exists($"/proc/{pid}")) return pid;
        }
    }
}
