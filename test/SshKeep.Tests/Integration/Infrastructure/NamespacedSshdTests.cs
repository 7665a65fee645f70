using System.Net;
using System.Net.Sockets;
using System.Text;
using SshKeep.Demo;
using SshKeep.Native;


namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// Proves the loop-mode server (spec R56, testing notes): with sshd in its own network namespace,
/// ssh can listen on P locally (-L P) while the server listens on the same P (-R P), which is
/// exactly what autossh -M P asks for.
/// </summary>
public sealed class NamespacedSshdTests
{
    [NetnsFact]
    public async Task A_loop_of_local_and_remote_forwards_on_the_same_port_carries_bytes()
    {
        await using var sshd = await NamespacedSshd.CreateAsync();
        var port = SshKeep.Daemon.FreePortFinder.FindMonitorPortPair()!.Value;
        using var monitor = new TcpListener(IPAddress.Loopback, port + 1);
        monitor.Start();

        // autossh -M P's forwards: local P → server's 127.0.0.1:P, server's P → our 127.0.0.1:P+1.
        await using var ssh = BackgroundProcess.Start("ssh",
        [
            .. sshd.ClientOptions, "-o", "ExitOnForwardFailure=yes", "-N",
            "-L", $"{port}:127.0.0.1:{port}", "-R", $"{port}:127.0.0.1:{port + 1}", sshd.Destination,
        ]);

        var token = Encoding.ASCII.GetBytes("round-the-loop\n");
        var received = await Eventually.WaitForAsync(() => TryLoop(port, monitor, token, ssh),
                                                     $"bytes sent to local {port} to arrive on {port + 1}");
        Assert.Equal(token, received);
        Assert.False(ssh.HasExited, ssh.StandardError);
    }

    [NetnsFact]
    public async Task Session_pids_find_the_namespaced_sshd_so_a_test_can_freeze_it()
    {
        await using var sshd = await NamespacedSshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var localPort = LoopbackPort.PickFree();
        // The server sits in another namespace: its 127.0.0.1 is not ours, so the forward's
        // target is reached back through a -R of our own echo server on the same port number.
        await using var ssh = BackgroundProcess.Start("ssh",
        [
            .. sshd.ClientOptions, "-o", "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=1", "-o", "ServerAliveCountMax=2",
            "-N", "-L", $"{localPort}:127.0.0.1:{echo.Port}", "-R", $"{echo.Port}:127.0.0.1:{echo.Port}", sshd.Destination,
        ]);
        var token = Encoding.ASCII.GetBytes("in-and-out-of-the-namespace\n");
        await Eventually.WaitUntilAsync(() => EchoProbe.RoundTripAsync(localPort, token, TimeSpan.FromSeconds(2)), "the tunnel to carry bytes");

        var sessions = sshd.SessionPids();
        Assert.NotEmpty(sessions);
        Assert.Contains(sessions, pid => ProcessTable.ChildrenOf(ssh.Pid).Any(c => c.Pid == pid));
        foreach (var pid in sessions) NativeSignals.Send(pid, SignalNumbers.SIGSTOP);

        Assert.Equal(255, await ssh.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        await sshd.DisposeAsync();
        await Eventually.WaitUntilAsync(() => sessions.All(pid => ProcessTable.Identify(pid) is null), "the frozen session to be killed");
    }

    private static byte[]? TryLoop(int port, TcpListener monitor, byte[] token, BackgroundProcess ssh)
    {
        if (ssh.HasExited) throw new InvalidOperationException($"ssh exited: {ssh.StandardError}");
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            client.GetStream().Write(token);
            if (!monitor.Server.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead)) return null;
            using var arrived = monitor.AcceptTcpClient();
            arrived.ReceiveTimeout = 2000;
            var buffer = new byte[token.Length];
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = arrived.GetStream().Read(buffer, filled, buffer.Length - filled);
                if (read == 0) return null;
                filled += read;
            }
            return buffer;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null; // forwards not set up yet
        }
    }
}
