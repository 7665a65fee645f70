using System.Diagnostics;
using System.Globalization;
using System.Net;
using SshKeep.Health;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>
/// Picking ssh's server connection out of its sockets, on fake trees shaped like a real ssh's
/// (listeners and accepted connections of -L, outbound connections of -R, a proxy), then on a
/// real ssh whose connect stays in SYN_SENT.
/// </summary>
public sealed class ConnectStallTests
{
    private const int Ssh = 4321;
    private const string Any4 = "00000000:0000";
    private const string Server = "050200C0:0016";          // 192.0.2.5:22
    private const string Local = "0F02000A:AD18";           // 10.0.2.15:44312
    private const string Loop8080 = "0100007F:1F90";        // 127.0.0.1:8080
    private const string LoopClient = "0100007F:D431";      // 127.0.0.1:54321
    private const string LoopHttp = "0100007F:0050";        // 127.0.0.1:80
    private const string LoopEphemeral = "0100007F:C350";   // 127.0.0.1:50000

    private static IPEndPoint? ServerEndpointOf(int pid, int? serverPort = null, string procRoot = "/proc") =>
        ServerConnection.Of(pid, serverPort, procRoot)?.Remote;

    /// <summary>ssh's connection while it still waits for the server's SYN-ACK, else null.</summary>
    private static ServerConnection? StalledConnectOf(int pid, string procRoot = "/proc") =>
        ServerConnection.Of(pid, procRoot: procRoot) is { IsConnecting: true } connecting ? connecting : null;

    [Fact]
    public void An_ssh_waiting_for_the_servers_syn_ack_is_stalled_towards_the_server()
    {
        using var proc = Ssh_with(FakeProcTree.Line(0, Local, Server, "02", 1000, 501, retransmits: 2))
            .Socket(Ssh, 3, 501);

        var stalled = StalledConnectOf(Ssh, procRoot: proc.Root);

        Assert.NotNull(stalled);
        Assert.Equal(IPEndPoint.Parse("192.0.2.5:22"), stalled.Remote);
        Assert.Equal(2, stalled.Retransmits);
        Assert.Equal(3, stalled.Fd);
        Assert.Equal(IPEndPoint.Parse("192.0.2.5:22"), ServerEndpointOf(Ssh, procRoot: proc.Root));
    }

    [Fact]
    public void An_established_ssh_is_not_stalled_but_names_its_server()
    {
        using var proc = Ssh_with(FakeProcTree.Line(0, Local, Server, "01", 1000, 501))
            .Socket(Ssh, 3, 501);

        Assert.Null(StalledConnectOf(Ssh, procRoot: proc.Root));
        Assert.Equal(IPEndPoint.Parse("192.0.2.5:22"), ServerEndpointOf(Ssh, procRoot: proc.Root));
    }

    [Fact]
    public void Local_forward_listeners_and_the_connections_they_accepted_are_not_the_server()
    {
        // -L 8080: ssh listens on 127.0.0.1:8080 and has accepted a client; those come first in
        // the table and, here, hold lower descriptors than the server connection.
        using var proc = Ssh_with(
                FakeProcTree.Line(0, Loop8080, Any4, "0A", 1000, 601),
                FakeProcTree.Line(1, Loop8080, LoopClient, "01", 1000, 602),
                FakeProcTree.Line(2, Local, Server, "01", 1000, 603))
            .Socket(Ssh, 3, 601)
            .Socket(Ssh, 4, 602)
            .Socket(Ssh, 5, 603);

        Assert.Equal(IPEndPoint.Parse("192.0.2.5:22"), ServerEndpointOf(Ssh, procRoot: proc.Root));
    }

    [Fact]
    public void A_remote_forwards_connection_to_its_target_loses_to_the_older_server_connection()
    {
        using var proc = Ssh_with(
                FakeProcTree.Line(0, LoopEphemeral, LoopHttp, "02", 1000, 702),
                FakeProcTree.Line(1, Local, Server, "01", 1000, 701))
            .Socket(Ssh, 3, 701)
            .Socket(Ssh, 6, 702);

        Assert.Equal(IPEndPoint.Parse("192.0.2.5:22"), ServerEndpointOf(Ssh, procRoot: proc.Root));
        Assert.Null(StalledConnectOf(Ssh, procRoot: proc.Root));
    }

    [Fact]
    public void The_servers_port_rules_out_a_remote_forward_target_even_on_a_lower_descriptor()
    {
        using var proc = Ssh_with(
                FakeProcTree.Line(0, LoopEphemeral, LoopHttp, "01", 1000, 702),
                FakeProcTree.Line(1, Local, Server, "01", 1000, 701))
            .Socket(Ssh, 3, 702)
            .Socket(Ssh, 7, 701);

        Assert.Equal(IPEndPoint.Parse("127.0.0.1:80"), ServerEndpointOf(Ssh, procRoot: proc.Root));
        Assert.Equal(IPEndPoint.Parse("192.0.2.5:22"), ServerEndpointOf(Ssh, serverPort: 22, procRoot: proc.Root));
    }

    [Fact]
    public void An_ssh_behind_a_proxy_command_has_no_server_connection()
    {
        // ProxyCommand: ssh talks to the proxy over pipes; only its -L listener is a TCP socket.
        using var proc = Ssh_with(FakeProcTree.Line(0, Loop8080, Any4, "0A", 1000, 601))
            .Socket(Ssh, 3, 601)
            .Fd(Ssh, 4, "pipe:[9001]")
            .Fd(Ssh, 5, "pipe:[9002]");

        Assert.Null(ServerConnection.Of(Ssh, procRoot: proc.Root));
    }

    [Fact]
    public void Sockets_of_other_processes_in_the_table_are_not_sshs()
    {
        using var proc = Ssh_with(FakeProcTree.Line(0, Local, Server, "02", 1000, 501))
            .Socket(Ssh, 3, 999);

        Assert.Null(ServerConnection.Of(Ssh, procRoot: proc.Root));
    }

    [Fact]
    public void An_ssh_that_is_gone_has_no_server_connection()
    {
        using var proc = new FakeProcTree();

        Assert.Null(ServerConnection.Of(Ssh, procRoot: proc.Root));
        Assert.Null(StalledConnectOf(Ssh, procRoot: proc.Root));
    }

    [Fact]
    public void A_connection_in_its_own_closing_states_is_not_the_server_connection()
    {
        using var proc = Ssh_with(FakeProcTree.Line(0, Local, Server, "08", 1000, 501))
            .Socket(Ssh, 3, 501);

        Assert.Null(ServerConnection.Of(Ssh, procRoot: proc.Root));
    }

    [SshdFact]
    public async Task A_real_ssh_connecting_into_a_black_hole_is_seen_stalled_towards_its_server()
    {
        using var hole = await BlackHoleListener.OpenAsync();
        var port = hole.Endpoint.Port.ToString(CultureInfo.InvariantCulture);
        var startInfo = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "ConnectTimeout=120", "-p", port, "-N", "127.0.0.1" })
            startInfo.ArgumentList.Add(argument);
        using var ssh = Process.Start(startInfo)!;
        try
        {
            var stalled = await Eventually.WaitForAsync(
                () => StalledConnectOf(ssh.Id),
                "ssh's connect to show as SYN_SENT");

            Assert.Equal(hole.Endpoint, stalled.Remote);
            Assert.Equal(hole.Endpoint, ServerEndpointOf(ssh.Id, serverPort: hole.Endpoint.Port));
        }
        finally
        {
            if (!ssh.HasExited) ssh.Kill(); // ours, by pid
            await ssh.WaitForExitAsync();
        }
    }

    private static FakeProcTree Ssh_with(params string[] lines) =>
        new FakeProcTree().Tcp(Ssh, FakeProcTree.Table(lines), FakeProcTree.Table());
}
