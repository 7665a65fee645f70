using System.Text;
using SshKeep.Demo;
using SshKeep.Native;


namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>Proves the fixtures the sshkeep integration tests stand on: a private sshd, real ssh, real forwards.</summary>
public sealed class ThrowawaySshdTests(SshdFixture fixture) : IClassFixture<SshdFixture>
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    [SshdFact]
    public async Task Plain_ssh_with_the_fixture_options_runs_true_on_the_server()
    {
        var sshd = fixture.Sshd;

        var result = await Run.ProgramAsync("ssh", [.. sshd.ClientOptions, sshd.Destination, "true"]);

        Assert.True(result.Succeeded, $"{result.Command}\n{result.StandardError}");
        Assert.Contains($"Accepted publickey for {sshd.User} from 127.0.0.1", await File.ReadAllTextAsync(sshd.LogPath));
    }

    [SshdFact]
    public async Task A_local_forward_to_the_echo_server_carries_bytes()
    {
        var sshd = fixture.Sshd;
        await using var echo = EchoServer.Start();
        var localPort = LoopbackPort.PickFree();

        await using var ssh = StartTunnel(sshd, $"{localPort}:127.0.0.1:{echo.Port}");

        var token = Encoding.ASCII.GetBytes("through-the-tunnel\n");
        await Eventually.WaitUntilAsync(() => EchoProbe.RoundTripAsync(localPort, token, ProbeTimeout),
                                        $"bytes to come back through -L {localPort} ({ssh.StandardError})");
        Assert.True(echo.ConnectionsAccepted >= 1);
        Assert.False(ssh.HasExited);
    }

    [SshdFact]
    public async Task An_sshd_stopped_and_started_again_serves_the_same_port()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        var port = sshd.Port;

        await sshd.StopAsync();
        var whileDown = await Run.ProgramAsync("ssh", [.. sshd.ClientOptions, "-o", "ConnectTimeout=5", sshd.Destination, "true"]);
        await sshd.StartAsync();
        var afterRestart = await Run.ProgramAsync("ssh", [.. sshd.ClientOptions, sshd.Destination, "true"]);

        Assert.Equal(255, whileDown.ExitCode);
        Assert.Contains("Connection refused", whileDown.StandardError);
        Assert.Equal(port, sshd.Port);
        Assert.True(afterRestart.Succeeded, afterRestart.StandardError);
    }

    [SshdFact]
    public async Task Freezing_the_session_pids_stalls_the_tunnel_until_ssh_keepalive_gives_up()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var localPort = LoopbackPort.PickFree();
        await using var ssh = StartTunnel(sshd, $"{localPort}:127.0.0.1:{echo.Port}",
                                          "-o", "ServerAliveInterval=1", "-o", "ServerAliveCountMax=2");
        var token = Encoding.ASCII.GetBytes("before-the-freeze\n");
        await Eventually.WaitUntilAsync(() => EchoProbe.RoundTripAsync(localPort, token, ProbeTimeout), "the tunnel to carry bytes");

        var sessions = sshd.SessionPids();
        Assert.NotEmpty(sessions);
        foreach (var pid in sessions) Assert.True(NativeSignals.Send(pid, SignalNumbers.SIGSTOP), $"SIGSTOP {pid}");

        Assert.False(await EchoProbe.RoundTripAsync(localPort, token, TimeSpan.FromMilliseconds(500)));
        // ServerAliveInterval=1 × CountMax=2: ssh gives up after about 3 s with "Timeout, server not responding".
        var exitCode = await ssh.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(255, exitCode);
        Assert.Contains("Timeout, server", ssh.StandardError);
        Assert.Equal('T', ProcessTable.StateOf(sessions[0])); // still frozen: disposal must cope with that
    }

    [SshdFact]
    public async Task Disposal_leaves_no_process_and_no_folder_behind()
    {
        var sshd = await ThrowawaySshd.CreateAsync();
        var listener = sshd.ListenerPid!.Value;
        await using var echo = EchoServer.Start();
        var localPort = LoopbackPort.PickFree();
        int[] sessions;
        await using (var ssh = StartTunnel(sshd, $"{localPort}:127.0.0.1:{echo.Port}"))
        {
            await Eventually.WaitUntilAsync(() => EchoProbe.RoundTripAsync(localPort, "x"u8.ToArray(), ProbeTimeout), "the tunnel");
            sessions = [.. sshd.SessionPids()];
            foreach (var pid in sessions) NativeSignals.Send(pid, SignalNumbers.SIGSTOP);
        }

        await sshd.DisposeAsync();

        Assert.NotEmpty(sessions);
        Assert.Null(ProcessTable.Identify(listener));
        await Eventually.WaitUntilAsync(() => sessions.All(pid => ProcessTable.Identify(pid) is null), "the frozen sessions to be gone");
        Assert.False(Directory.Exists(sshd.Directory));
    }

    /// <summary>ssh -N -L with ExitOnForwardFailure, so a forward that cannot be set up fails the test at once.</summary>
    private static BackgroundProcess StartTunnel(ThrowawaySshd sshd, string forward, params string[] options) =>
        BackgroundProcess.Start("ssh", [.. sshd.ClientOptions, "-o", "ExitOnForwardFailure=yes", .. options, "-N", "-L", forward, sshd.Destination]);
}
