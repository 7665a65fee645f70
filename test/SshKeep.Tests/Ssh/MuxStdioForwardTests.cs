using System.Net.Sockets;
using System.Text;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Ssh;
using SshKeep.Tests.Health;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Ssh;

/// <summary>Tier 3: the in-process mux client against a real ssh ControlMaster and a real sshd.</summary>
public sealed class MuxStdioForwardTests(SshdFixture fixture) : IClassFixture<SshdFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [SshdFact]
    public async Task A_stdio_forward_to_a_listening_echo_target_opens_and_carries_bytes_both_ways()
    {
        await using var echo = EchoServer.Start();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd);

        var open = await MuxOpen.OpenAsync(tunnel.ControlPath, "127.0.0.1", echo.Port, Generous, TimeProvider.System, default);

        var opened = Assert.IsType<MuxStdioOpen.Opened>(open);
        await using var channel = opened.Channel;
        var token = "through the session\n"u8.ToArray();
        await channel.Stream.WriteAsync(token);
        var back = new byte[token.Length];
        await channel.Stream.ReadExactlyAsync(back).AsTask().Within("the echo to come back");
        Assert.Equal(token, back);
    }

    [SshdFact]
    public async Task A_target_nothing_listens_on_gives_the_masters_refusal()
    {
        var closedPort = LoopbackPort.PickFree();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd);

        var open = await MuxOpen.OpenAsync(tunnel.ControlPath, "127.0.0.1", closedPort, Generous, TimeProvider.System, default);

        var failed = Assert.IsType<MuxStdioOpen.Failed>(open);
        Assert.Equal(MuxOpenFailure.Refused, failed.Kind);
        Assert.Equal("refused: Session open refused by peer", failed.Reason);
    }

    [SshdFact]
    public async Task A_missing_control_socket_means_no_control_master()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sshkeep-no-such-{Guid.NewGuid():N}");

        var open = await MuxOpen.OpenAsync(path, "127.0.0.1", 80, Generous, TimeProvider.System, default);

        var failed = Assert.IsType<MuxStdioOpen.Failed>(open);
        Assert.Equal(MuxOpenFailure.NoMaster, failed.Kind);
        Assert.Equal($"no control master at {path} (No such file or directory)", failed.Reason);
    }

    [Fact]
    public async Task A_stale_control_socket_whose_ssh_is_gone_means_no_control_master()
    {
        var directory = Directory.CreateTempSubdirectory("sshkeep-mux-").FullName;
        try
        {
            var path = Path.Combine(directory, "ctl");
            // Bound but not listening: what a socket file left by a dead ssh looks like to connect(2).
            // (.NET removes the file when a socket it bound is disposed, so it stays open meanwhile.)
            using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            dead.Bind(new UnixDomainSocketEndPoint(path));

            var open = await MuxOpen.OpenAsync(path, "127.0.0.1", 80, Generous, TimeProvider.System, default);

            var failed = Assert.IsType<MuxStdioOpen.Failed>(open);
            Assert.Equal(MuxOpenFailure.NoMaster, failed.Kind);
            Assert.Equal($"no control master at {path} (Connection refused)", failed.Reason);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SshdFact]
    public async Task A_frozen_server_session_gives_no_answer_within_the_timeout()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        await using var tunnel = await ControlMasterTunnel.StartAsync(sshd);
        await using (var first = await OpenedAsync(tunnel.ControlPath, echo.Port))
        {
        }
        var frozen = sshd.SessionPids();
        Assert.NotEmpty(frozen);
        try
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGSTOP);

            var open = await MuxOpen.OpenAsync(tunnel.ControlPath, "127.0.0.1", echo.Port, TimeSpan.FromSeconds(1), TimeProvider.System, default);

            var failed = Assert.IsType<MuxStdioOpen.Failed>(open);
            Assert.Equal(MuxOpenFailure.NoAnswer, failed.Kind);
            Assert.Equal("no answer within 1s", failed.Reason);
        }
        finally
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGCONT);
        }
    }

    [SshdFact]
    public async Task A_stopped_ssh_gives_a_silent_control_master()
    {
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd);
        try
        {
            tunnel.Ssh.Signal(SignalNumbers.SIGSTOP);

            var open = await MuxOpen.OpenAsync(tunnel.ControlPath, "127.0.0.1", 80, TimeSpan.FromSeconds(1), TimeProvider.System, default);

            var failed = Assert.IsType<MuxStdioOpen.Failed>(open);
            Assert.Equal(MuxOpenFailure.MasterSilent, failed.Kind);
            Assert.Equal($"the control master at {tunnel.ControlPath} did not answer within 1s", failed.Reason);
        }
        finally
        {
            tunnel.Ssh.Signal(SignalNumbers.SIGCONT);
        }
    }

    [SshdFact]
    public async Task Cancelling_while_the_server_is_silent_throws_instead_of_reporting_a_failure()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var tunnel = await ControlMasterTunnel.StartAsync(sshd);
        var frozen = sshd.SessionPids();
        try
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGSTOP);
            using var stopping = new CancellationTokenSource();

            var open = MuxOpen.OpenAsync(tunnel.ControlPath, "127.0.0.1", 80, Generous, TimeProvider.System, stopping.Token);
            await stopping.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open).Within("the open to end");
        }
        finally
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGCONT);
        }
    }

    private static async Task<MuxStdioChannel> OpenedAsync(string controlPath, int port)
    {
        MuxStdioChannel? channel = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var open = await MuxOpen.OpenAsync(controlPath, "127.0.0.1", port, Generous, TimeProvider.System, default);
            channel = (open as MuxStdioOpen.Opened)?.Channel;
            return channel is not null;
        }, "a stdio forward to open");
        return channel!;
    }
}
