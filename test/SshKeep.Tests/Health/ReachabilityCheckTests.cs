using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Health;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>The check against real sockets on 127.0.0.1; the one timeout is fired by a manual clock.</summary>
public sealed class ReachabilityCheckTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_listening_port_answers()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;

        var outcome = await new ServerReachability(TimeProvider.System).CheckAsync(endpoint, Generous, CancellationToken.None).Within();

        Assert.True(outcome.Answered);
        Assert.Equal("accepted the connection", outcome.Problem);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_refused()
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, LoopbackPort.PickFree());

        var outcome = await new ServerReachability(TimeProvider.System).CheckAsync(endpoint, Generous, CancellationToken.None).Within();

        Assert.False(outcome.Answered);
        Assert.Equal("refused the connection (the host is there, nothing listens on the port)", outcome.Problem);
    }

    [Fact]
    public async Task A_server_that_swallows_the_syn_times_out_when_the_timeout_passes()
    {
        using var hole = await BlackHoleListener.OpenAsync();
        var clock = new ManualTimeProvider();

        var check = new ServerReachability(clock).CheckAsync(hole.Endpoint, TimeSpan.FromSeconds(1), CancellationToken.None);
        await Eventually.WaitUntilAsync(
            () => TcpSocketTable.Read(Environment.ProcessId).Any(s => s.State == TcpSocketState.SynSent && s.Remote.Equals(hole.Endpoint)),
            "the check's SYN to go unanswered");
        clock.Advance(1);
        var outcome = await check.Within();

        Assert.False(outcome.Answered);
        Assert.Equal("did not answer within 1s", outcome.Problem);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_a_check_with_an_exception_not_a_verdict()
    {
        using var hole = await BlackHoleListener.OpenAsync();
        using var cts = new CancellationTokenSource();

        var check = new ServerReachability(new ManualTimeProvider()).CheckAsync(hole.Endpoint, TimeSpan.FromSeconds(1), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.Within());
    }

    [Theory]
    [InlineData(1000, "did not answer within 1s")]
    [InlineData(3000, "did not answer within 3s")]
    [InlineData(500, "did not answer within 500ms")]
    [InlineData(1500, "did not answer within 1500ms")]
    public void A_timeout_says_how_long_it_waited(int milliseconds, string text)
    {
        Assert.Equal(text, ReachabilityOutcome.TimedOutAt(IPEndPoint.Parse("192.0.2.5:22"), TimeSpan.FromMilliseconds(milliseconds)).Problem);
    }

    [Fact]
    public void An_unreachable_outcome_says_why()
    {
        Assert.Equal("is unreachable: No route to host", ReachabilityOutcome.UnreachableAt(IPEndPoint.Parse("[2001:db8::5]:22"), "No route to host").Problem);
    }
}
