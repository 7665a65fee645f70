using System.Net;
using Microsoft.AspNetCore.Connections;
using SshKeep.Tests.Fakes;
using SshKeep.Web;

namespace SshKeep.Tests.Web;

/// <summary>The connection middleware in-process: who the peer is, the quota, and the peer left for the requests.</summary>
public sealed class PeerGateTests
{
    private static readonly IPEndPoint Us = IPEndPoint.Parse("127.0.0.1:9180");
    private readonly RecordingLogger _log = new();

    [Fact]
    public async Task Others_over_their_quota_are_closed_unserved_while_the_owner_and_root_always_get_through()
    {
        var uids = new Dictionary<int, uint> { [40001] = 65534, [40002] = 65534, [40003] = 65534, [40004] = 1000, [40005] = 0 };
        using var refusals = new HttpRefusalLog(_log, new ManualTimeProvider());
        var gate = new PeerGate(new ConnectionQuota(perPeer: 2, allOthers: 10), refusals, 1000, (peer, us) => us.Equals(Us) ? uids[peer.Port] : null);
        var served = new List<HttpPeer?>();
        var hold = new TaskCompletionSource();
        var middleware = gate.Wrap(async connection =>
        {
            served.Add(connection.Features.Get<HttpPeer>());
            await hold.Task;
        });

        var open = uids.Keys.Select(port => middleware(Connection(port))).ToList();
        hold.SetResult();
        await Task.WhenAll(open);

        Assert.Equal([40001, 40002, 40004, 40005], served.Select(p => p!.Remote.Port));
        Assert.Equal(65534u, served[0]!.Uid);
        var refusal = Assert.Single(_log.Entries, e => e.EventId == 1505);
        Assert.StartsWith("refused a connection from uid 65534 (127.0.0.1:40003): uid 65534 already has 2 connections open", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_peer_not_in_the_socket_table_has_no_uid()
    {
        using var refusals = new HttpRefusalLog(_log, new ManualTimeProvider());
        var gate = new PeerGate(new ConnectionQuota(), refusals, 1000, (_, _) => null);

        var peer = gate.Identify(IPEndPoint.Parse("192.0.2.7:40000"), Us);

        Assert.Equal(new HttpPeer(IPEndPoint.Parse("192.0.2.7:40000"), null), peer);
        Assert.Equal("192.0.2.7:40000 (uid unknown)", peer.ToString());
    }

    private static DefaultConnectionContext Connection(int port) =>
        new() { RemoteEndPoint = new IPEndPoint(IPAddress.Loopback, port), LocalEndPoint = Us };
}
