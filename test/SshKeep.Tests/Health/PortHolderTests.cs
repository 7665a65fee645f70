using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

/// <summary>Who holds a listen port: on a fake /proc tree (exact answers, hostile command lines,
/// another user's process), then for a listener this test process opens itself.</summary>
public sealed class PortHolderTests
{
    private const string Any4 = "00000000:0000";
    private const string AnyV6 = "00000000000000000000000000000000:0000";

    [Fact]
    public void A_listener_is_named_by_pid_and_command_line()
    {
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(
                FakeProcTree.Line(0, "0100007F:0016", Any4, "0A", 0, 100),
                FakeProcTree.Line(1, "00000000:1F90", Any4, "0A", 1000, 900)))
            .Socket(300, 3, 555)
            .Socket(1234, 5, 900)
            .Command(1234, "python3", "python3", "-m", "http.server", "8080");

        Assert.Equal("held by pid 1234 (python3 -m http.server 8080)", PortHolder.Describe(8080, proc.Root));
    }

    [Fact]
    public void An_ipv6_listener_is_found_as_well()
    {
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(),
                FakeProcTree.Table(FakeProcTree.Line(0, "00000000000000000000000000000000:1F90", AnyV6, "0A", 0, 901)))
            .Socket(77, 4, 901)
            .Command(77, "nginx", "nginx: master process /usr/sbin/nginx");

        Assert.Equal("held by pid 77 (nginx: master process /usr/sbin/nginx)", PortHolder.Describe(8080, proc.Root));
    }

    [Fact]
    public void A_connection_on_the_port_that_is_not_a_listener_is_not_the_holder()
    {
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(FakeProcTree.Line(0, "0100007F:1F90", "0100007F:D431", "01", 0, 902)))
            .Socket(77, 4, 902);

        Assert.Null(PortHolder.Describe(8080, proc.Root));
    }

    [Fact]
    public void A_listener_no_visible_process_holds_is_named_by_its_owners_uid()
    {
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(FakeProcTree.Line(0, "0100007F:1F90", Any4, "0A", 0, 903)))
            .Socket(77, 4, 111);

        Assert.Equal("held by a process of uid 0 that sshkeep may not inspect", PortHolder.Describe(8080, proc.Root));
    }

    [Fact]
    public void A_long_command_line_is_cut_and_control_characters_are_made_harmless()
    {
        var argument = new string('x', 200);
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(FakeProcTree.Line(0, "0100007F:1F90", Any4, "0A", 0, 904)))
            .Socket(88, 4, 904)
            .Command(88, "evil\u001b[31m", "evil\nline", argument);

        var commandLine = PortHolder.Describe(8080, proc.Root)!["held by pid 88 (".Length..^1];
        Assert.Equal(PortHolder.CommandLineLimit, commandLine.Length);
        Assert.StartsWith("evil?line xxx", commandLine);
        Assert.EndsWith("x…", commandLine);
    }

    [Fact]
    public void A_process_without_a_command_line_is_named_by_its_comm_made_harmless()
    {
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(FakeProcTree.Line(0, "0100007F:1F90", Any4, "0A", 0, 905)))
            .Socket(2, 4, 905)
            .Command(2, "kworker\u001b[31m");

        Assert.Equal("held by pid 2 (kworker?[31m)", PortHolder.Describe(8080, proc.Root));
    }

    [Fact]
    public void A_listener_shared_by_a_parent_and_its_workers_names_the_lowest_pid()
    {
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(FakeProcTree.Line(0, "0100007F:1F90", Any4, "0A", 33, 906)))
            .Socket(1001, 6, 906)
            .Socket(1000, 6, 906)
            .Socket(999, 3, 1)
            .Command(1000, "gunicorn", "gunicorn", "app:app");

        Assert.Equal("held by pid 1000 (gunicorn app:app)", PortHolder.Describe(8080, proc.Root));
    }

    [Fact]
    public void A_free_port_has_no_holder()
    {
        Assert.Null(PortHolder.Describe(LoopbackPort.PickFree()));
    }

    [Fact]
    public void A_listener_this_process_opened_is_found_with_our_own_pid()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        Assert.StartsWith($"held by pid {Environment.ProcessId} (", PortHolder.Describe(port));
    }
}
