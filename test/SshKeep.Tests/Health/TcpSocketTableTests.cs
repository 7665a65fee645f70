using System.Net;
using System.Net.Sockets;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

/// <summary>/proc/net/tcp{,6} parsing on exact text (lines as Linux 6.x prints them), then on the real table.</summary>
public sealed class TcpSocketTableTests
{
    private const string V6Header =
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    [Theory]
    // 127.0.0.1:8080 listening (little-endian words, as on x86_64 and aarch64).
    [InlineData("0100007F:1F90", "00000000:0000", "0A", "127.0.0.1:8080", "0.0.0.0:0", TcpSocketState.Listen)]
    // 10.0.2.15:44312 → 192.0.2.5:22 connecting.
    [InlineData("0F02000A:AD18", "050200C0:0016", "02", "10.0.2.15:44312", "192.0.2.5:22", TcpSocketState.SynSent)]
    [InlineData("0F02000A:AD18", "050200C0:0016", "01", "10.0.2.15:44312", "192.0.2.5:22", TcpSocketState.Established)]
    [InlineData("0100007F:1F90", "0100007F:D431", "06", "127.0.0.1:8080", "127.0.0.1:54321", TcpSocketState.TimeWait)]
    [InlineData("0100007F:1F90", "0100007F:D431", "0C", "127.0.0.1:8080", "127.0.0.1:54321", TcpSocketState.NewSynReceived)]
    // ::1 and a v4-mapped address in the tcp6 table.
    [InlineData("00000000000000000000000001000000:0016", "00000000000000000000000000000000:0000", "0A", "[::1]:22", "[::]:0", TcpSocketState.Listen)]
    [InlineData("0000000000000000FFFF00000100007F:1F90", "0000000000000000FFFF00000100007F:C350", "01", "[::ffff:127.0.0.1]:8080", "[::ffff:127.0.0.1]:50000", TcpSocketState.Established)]
    // 2001:db8::5
    [InlineData("B80D0120000000000000000005000000:0016", "00000000000000000000000000000000:0000", "0A", "[2001:db8::5]:22", "[::]:0", TcpSocketState.Listen)]
    public void A_line_gives_addresses_ports_and_state(string local, string remote, string state, string expectedLocal, string expectedRemote, object expectedStateRow)
    {
        var expectedState = (TcpSocketState)expectedStateRow;
        var table = Parse(FakeProcTree.Table(FakeProcTree.Line(0, local, remote, state, uid: 1000, inode: 4242, retransmits: 3)));

        var socket = Assert.Single(table);
        Assert.Equal(IPEndPoint.Parse(expectedLocal), socket.Local);
        Assert.Equal(IPEndPoint.Parse(expectedRemote), socket.Remote);
        Assert.Equal(expectedState, socket.State);
        Assert.Equal(1000u, socket.Uid);
        Assert.Equal(4242ul, socket.Inode);
        Assert.Equal(3, socket.Retransmits);
    }

    [Theory]
    // the client's end and ours → the uid found (null: none); the table has the client's socket
    // (uid 65534, 127.0.0.1:40000 → 127.0.0.1:9180), the server's accepted one (uid 0), and a
    // v4-mapped client (uid 1000, [::ffff:127.0.0.1]:40001 → [::ffff:127.0.0.1]:9180).
    [InlineData("127.0.0.1:40000", "127.0.0.1:9180", 65534u)]
    [InlineData("127.0.0.1:9180", "127.0.0.1:40000", 0u)]
    [InlineData("[::ffff:127.0.0.1]:40000", "[::ffff:127.0.0.1]:9180", 65534u)] // a dual-stack listener's view of an IPv4 client
    [InlineData("127.0.0.1:40001", "127.0.0.1:9180", 1000u)]
    [InlineData("127.0.0.1:40000", "127.0.0.1:9181", null)]
    [InlineData("127.0.0.2:40000", "127.0.0.1:9180", null)]
    [InlineData("192.0.2.7:40000", "192.0.2.1:9180", null)] // another machine: not in our table
    public void The_owner_of_a_peer_is_the_uid_of_the_socket_going_from_it_to_us(string peer, string us, uint? uid)
    {
        using var proc = new FakeProcTree().Tcp(null, FakeProcTree.Table(
                FakeProcTree.Line(0, "0100007F:9C40", "0100007F:23DC", "01", uid: 65534, inode: 1),
                FakeProcTree.Line(1, "0100007F:23DC", "0100007F:9C40", "01", uid: 0, inode: 2)),
            FakeProcTree.Table(FakeProcTree.Line(0, "0000000000000000FFFF00000100007F:9C41", "0000000000000000FFFF00000100007F:23DC", "01", uid: 1000, inode: 3)));

        Assert.Equal(uid, TcpSocketTable.OwnerOfPeer(IPEndPoint.Parse(peer), IPEndPoint.Parse(us), proc.Root));
    }

    [Fact]
    public void The_owner_of_a_real_loopback_connection_is_our_uid()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var accepted = listener.AcceptTcpClient();

        var owner = TcpSocketTable.OwnerOfPeer((IPEndPoint)accepted.Client.RemoteEndPoint!, (IPEndPoint)accepted.Client.LocalEndPoint!);

        Assert.Equal(SshKeep.Native.LibC.geteuid(), owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("   0: 0100007F:1F90")]
    [InlineData("   0: 0100007F 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007F:1F9G 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007F:1F900 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007F:1F90:1 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 XX 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 00 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 -1 0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 99999999999999999999999 1")]
    [InlineData("   0 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    public void A_malformed_line_is_skipped_and_the_good_ones_are_kept(string bad)
    {
        var good = FakeProcTree.Line(1, "0100007F:0016", "00000000:0000", "0A", uid: 0, inode: 7);

        var table = Parse(string.Join('\n', FakeProcTree.TcpHeader, bad, good, bad));

        Assert.Equal(7ul, Assert.Single(table).Inode);
    }

    [Fact]
    public void The_header_alone_is_an_empty_table()
    {
        Assert.Empty(Parse(FakeProcTree.TcpHeader + "\n"));
        Assert.Empty(Parse(V6Header + "\n"));
    }

    [Fact]
    public void Reading_a_tree_joins_the_v4_and_v6_tables_of_the_namespace_asked_for()
    {
        using var proc = new FakeProcTree()
            .Tcp(null, FakeProcTree.Table(FakeProcTree.Line(0, "0100007F:0016", "00000000:0000", "0A", 0, 11)),
                 FakeProcTree.Table(FakeProcTree.Line(0, "00000000000000000000000001000000:0016", "00000000000000000000000000000000:0000", "0A", 0, 12)))
            .Tcp(77, FakeProcTree.Table(FakeProcTree.Line(0, "0100007F:0017", "00000000:0000", "0A", 0, 21)));

        Assert.Equal([11ul, 12ul], TcpSocketTable.Read(procRoot: proc.Root).Select(s => s.Inode));
        Assert.Equal([21ul], TcpSocketTable.Read(77, proc.Root).Select(s => s.Inode));
    }

    [Fact]
    public void A_process_that_is_gone_has_an_empty_table()
    {
        using var proc = new FakeProcTree();

        Assert.Empty(TcpSocketTable.Read(12345, proc.Root));
    }

    [Fact]
    public void The_real_table_shows_a_listener_this_test_opens_with_its_inode()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        var socket = Assert.Single(TcpSocketTable.Read(Environment.ProcessId), s => s.Local.Port == port);

        Assert.Equal(TcpSocketState.Listen, socket.State);
        Assert.Equal(IPAddress.Loopback, socket.Local.Address);
        Assert.Contains(ProcessSockets.Of(Environment.ProcessId), h => h.Inode == socket.Inode);
    }

    /// <summary>One tcp table as <see cref="TcpSocketTable.Read"/> reads it from a /proc tree.</summary>
    private static IReadOnlyList<TcpSocket> Parse(string tcp)
    {
        using var proc = new FakeProcTree().Tcp(null, tcp);
        return TcpSocketTable.Read(null, proc.Root);
    }
}
