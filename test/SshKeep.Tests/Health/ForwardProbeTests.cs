using SshKeep.Config;
using SshKeep.Demo;
using SshKeep.Health;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>Tier 3: probes of -L, -R and -D forwards of a real ssh ControlMaster to a real sshd.</summary>
public sealed class ForwardProbeTests(SshdFixture fixture) : IClassFixture<SshdFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    private readonly ForwardProbe _probe = new(TimeProvider.System);

    [SshdFact]
    public async Task A_local_forward_passes_on_a_live_tunnel_connect_only_and_with_send_and_expect()
    {
        await using var echo = EchoServer.Start();
        var port = LoopbackPort.PickFree();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd, "-L", ControlMasterTunnel.Local(port, echo.Port));
        var forward = new ForwardSpec(ForwardKind.Local, "127.0.0.1", port, "127.0.0.1", echo.Port);

        await PassesAsync(forward, tunnel);
        await PassesAsync(forward with { Probe = new ProbeExchange("PING\n", "PING\n", null) }, tunnel);
    }

    [SshdFact]
    public async Task A_local_forward_whose_service_answers_otherwise_fails_with_the_expected_and_the_received_text()
    {
        await using var service = CannedResponder.Start("-ERR unknown command 'PING'\r\n");
        var port = LoopbackPort.PickFree();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd, "-L", ControlMasterTunnel.Local(port, service.Port));
        var forward = new ForwardSpec(ForwardKind.Local, null, port, "127.0.0.1", service.Port)
        {
            Probe = new ProbeExchange("PING\r\n", "+PONG", null),
        };
        await PassesAsync(forward with { Probe = ProbeExchange.ConnectOnly }, tunnel);

        var result = await _probe.RunAsync(forward, tunnel.ControlPath, Generous, true, default);

        Assert.False(result.Ok);
        Assert.Equal("exchange: expected \"+PONG\", got \"-ERR unknown command 'PING'\\r\\n\"", result.Failure);
        Assert.Equal("PING\r\n", Assert.Single(service.Requests));
    }

    [SshdFact]
    public async Task An_http_probe_passes_on_a_200_and_fails_on_a_503_from_a_loopback_http_responder()
    {
        await using var healthy = CannedResponder.Start("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
        await using var broken = CannedResponder.Start("HTTP/1.0 503 Service Unavailable\r\n\r\n");
        var (okPort, brokenPort) = (LoopbackPort.PickFree(), LoopbackPort.PickFree());
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd,
            "-L", ControlMasterTunnel.Local(okPort, healthy.Port), "-L", ControlMasterTunnel.Local(brokenPort, broken.Port));
        var http = new ProbeExchange(null, null, "/health");
        var good = new ForwardSpec(ForwardKind.Local, "127.0.0.1", okPort, "127.0.0.1", healthy.Port) { Probe = http };
        var bad = new ForwardSpec(ForwardKind.Local, "127.0.0.1", brokenPort, "127.0.0.1", broken.Port) { Probe = http };

        await PassesAsync(good, tunnel);
        var result = await _probe.RunAsync(bad, tunnel.ControlPath, Generous, true, default);

        Assert.StartsWith($"GET /health HTTP/1.0\r\nHost: 127.0.0.1:{healthy.Port}\r\n", healthy.Requests[^1]);
        Assert.Equal("exchange: HTTP status 503: \"HTTP/1.0 503 Service Unavailable\"", result.Failure);
    }

    [SshdFact]
    public async Task A_local_forward_whose_target_is_down_fails_at_the_target_with_the_masters_text()
    {
        var down = LoopbackPort.PickFree();
        var port = LoopbackPort.PickFree();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd, "-L", ControlMasterTunnel.Local(port, down));
        var forward = new ForwardSpec(ForwardKind.Local, "127.0.0.1", port, "127.0.0.1", down);

        var result = await _probe.RunAsync(forward, tunnel.ControlPath, Generous, true, default);

        Assert.Equal($"target 127.0.0.1:{down} (from the server): refused: Session open refused by peer", result.Failure);
    }

    [SshdFact]
    public async Task A_local_forward_that_ssh_does_not_listen_for_fails_at_the_local_listener()
    {
        await using var echo = EchoServer.Start();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd);
        var notListening = LoopbackPort.PickFree();
        var forward = new ForwardSpec(ForwardKind.Local, "127.0.0.1", notListening, "127.0.0.1", echo.Port);

        var result = await _probe.RunAsync(forward, tunnel.ControlPath, Generous, true, default);
        var sessionOnly = await _probe.RunAsync(forward, tunnel.ControlPath, Generous, connectListener: false, default);

        Assert.Equal($"local listener 127.0.0.1:{notListening}: Connection refused", result.Failure);
        Assert.True(sessionOnly.Ok, "the rounds between listener checks prove the channel through the session only");
    }

    [SshdFact]
    public async Task A_remote_forward_passes_through_the_servers_listener_connect_only_and_with_an_exchange()
    {
        await using var echo = EchoServer.Start();
        var remote = LoopbackPort.PickFree();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd, "-R", $"127.0.0.1:{remote}:127.0.0.1:{echo.Port}");
        var forward = new ForwardSpec(ForwardKind.Remote, null, remote, "127.0.0.1", echo.Port);
        var accepted = echo.ConnectionsAccepted;

        await PassesAsync(forward with { Probe = new ProbeExchange("round trip\n", "round trip\n", null) }, tunnel);
        await PassesAsync(forward, tunnel);

        Assert.True(echo.ConnectionsAccepted > accepted, "the exchange reached the local target through the session");
    }

    [SshdFact]
    public async Task A_remote_forward_with_a_specific_bind_is_found_on_loopback_when_the_server_ignores_the_bind()
    {
        await using var echo = EchoServer.Start();
        var remote = LoopbackPort.PickFree();
        // The fixture's sshd has GatewayPorts no: it listens on loopback whatever bind we ask for.
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd, "-R", $"127.0.0.2:{remote}:127.0.0.1:{echo.Port}");
        var forward = new ForwardSpec(ForwardKind.Remote, "127.0.0.2", remote, "127.0.0.1", echo.Port)
        {
            Probe = new ProbeExchange("x\n", "x\n", null),
        };

        await PassesAsync(forward, tunnel);
    }

    [SshdFact]
    public async Task A_remote_forward_the_server_does_not_listen_for_fails_at_the_remote_listener()
    {
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd);
        var remote = LoopbackPort.PickFree();
        var forward = new ForwardSpec(ForwardKind.Remote, null, remote, "127.0.0.1", 80);

        var result = await _probe.RunAsync(forward, tunnel.ControlPath, Generous, true, default);

        Assert.Equal($"remote listener 127.0.0.1:{remote} (on the server): refused: Session open refused by peer", result.Failure);
    }

    [SshdFact]
    public async Task A_dynamic_forward_passes_by_sshs_answer_to_the_socks_greeting_and_fails_when_nothing_listens()
    {
        var port = LoopbackPort.PickFree();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd, "-D", $"127.0.0.1:{port}");
        var forward = new ForwardSpec(ForwardKind.Dynamic, "127.0.0.1", port, null, null);
        var gone = LoopbackPort.PickFree();

        await PassesAsync(forward, tunnel);
        var result = await _probe.RunAsync(forward with { BindPort = gone }, tunnel.ControlPath, Generous, true, default);

        Assert.Equal($"local listener 127.0.0.1:{gone}: Connection refused", result.Failure);
    }

    [SshdFact]
    public async Task A_frozen_server_session_fails_local_and_remote_probes_with_no_answer_within_the_timeout()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var (local, remote) = (LoopbackPort.PickFree(), LoopbackPort.PickFree());
        await using var tunnel = await ControlMasterTunnel.StartAsync(sshd,
            "-L", ControlMasterTunnel.Local(local, echo.Port), "-R", $"127.0.0.1:{remote}:127.0.0.1:{echo.Port}");
        var forwardL = new ForwardSpec(ForwardKind.Local, "127.0.0.1", local, "127.0.0.1", echo.Port);
        var forwardR = new ForwardSpec(ForwardKind.Remote, null, remote, "127.0.0.1", echo.Port);
        await PassesAsync(forwardL, tunnel);
        await PassesAsync(forwardR, tunnel);
        var frozen = sshd.SessionPids();
        try
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGSTOP);

            var resultL = await _probe.RunAsync(forwardL, tunnel.ControlPath, Short, true, default);
            var resultR = await _probe.RunAsync(forwardR, tunnel.ControlPath, Short, true, default);

            Assert.Equal("session: no answer within 1s", resultL.Failure);
            Assert.Equal("session: no answer within 1s", resultR.Failure);
        }
        finally
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGCONT);
        }
        await PassesAsync(forwardL, tunnel); // thawed, the same session works again
    }

    [SshdFact]
    public async Task A_stopped_ssh_fails_the_probe_at_its_control_master()
    {
        await using var echo = EchoServer.Start();
        var port = LoopbackPort.PickFree();
        await using var tunnel = await ControlMasterTunnel.StartAsync(fixture.Sshd, "-L", ControlMasterTunnel.Local(port, echo.Port));
        var forward = new ForwardSpec(ForwardKind.Local, "127.0.0.1", port, "127.0.0.1", echo.Port);
        try
        {
            tunnel.Ssh.Signal(SignalNumbers.SIGSTOP);

            var result = await _probe.RunAsync(forward, tunnel.ControlPath, Short, true, default);

            Assert.Equal($"ssh: the control master at {tunnel.ControlPath} did not answer within 1s", result.Failure);
        }
        finally
        {
            tunnel.Ssh.Signal(SignalNumbers.SIGCONT);
        }
    }

    [Fact]
    public async Task Without_a_control_master_the_probe_fails_naming_the_control_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sshkeep-no-such-{Guid.NewGuid():N}");
        var forward = new ForwardSpec(ForwardKind.Remote, null, 8080, "127.0.0.1", 80);

        var result = await _probe.RunAsync(forward, path, Generous, true, default);

        Assert.False(result.Ok);
        Assert.Same(forward, result.Forward);
        Assert.Equal($"ssh: no control master at {path} (No such file or directory)", result.Failure);
    }

    [SshdFact]
    public async Task Stopping_during_a_probe_throws_instead_of_reporting_a_failure()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var tunnel = await ControlMasterTunnel.StartAsync(sshd);
        var forward = new ForwardSpec(ForwardKind.Remote, null, 8080, "127.0.0.1", 80);
        var frozen = sshd.SessionPids();
        try
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGSTOP);
            using var stopping = new CancellationTokenSource();

            var probe = _probe.RunAsync(forward, tunnel.ControlPath, Generous, true, stopping.Token);
            await stopping.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe).Within("the probe to end");
        }
        finally
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGCONT);
        }
    }

    /// <summary>Probes until one passes (ssh sets up -R and the listeners shortly after the control
    /// socket appears), then asserts the result is complete.</summary>
    private async Task PassesAsync(ForwardSpec forward, ControlMasterTunnel tunnel)
    {
        ProbeResult? last = null;
        await Eventually.WaitUntilAsync(async () => (last = await _probe.RunAsync(forward, tunnel.ControlPath, Generous, true, default)).Ok,
            () => $"a probe of {forward} to pass (last: {last?.Failure}; ssh: {tunnel.Ssh.StandardError})");
        Assert.Same(forward, last!.Forward);
        Assert.Null(last.Failure);
        Assert.True(last.Duration > TimeSpan.Zero);
    }
}
