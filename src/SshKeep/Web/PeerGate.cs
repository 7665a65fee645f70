using Microsoft.AspNetCore.Connections;
using SshKeep.Daemon;
using SshKeep.Health;

namespace SshKeep.Web;

/// <summary>Kestrel connection middleware, before any byte is read: finds the peer, applies the
/// <see cref="ConnectionQuota"/>, and leaves the peer in the features.</summary>
internal sealed class PeerGate(ConnectionQuota quota, HttpRefusalLog refusals, uint ownUid, Func<IPEndPoint, IPEndPoint, uint?>? ownerOf = null)
{
    private readonly Func<IPEndPoint, IPEndPoint, uint?> _ownerOf = ownerOf ?? ((peer, us) => TcpSocketTable.OwnerOfPeer(peer, us));

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var peer = Identify(connection.RemoteEndPoint, connection.LocalEndPoint);
        var trusted = peer.Uid is { } uid && PeerCheck.Allows(uid, ownUid);
        if (quota.TryAdmit(peer.QuotaKey, trusted) is { } refusal)
        {
            refusals.Connection(peer, refusal);
            return; // Kestrel closes the connection
        }

        try
        {
            connection.Features.Set(peer);
            await next(connection);
        }
        finally
        {
            quota.Release(peer.QuotaKey, trusted);
        }
    };

    public HttpPeer Identify(EndPoint? remote, EndPoint? local)
    {
        var peer = remote as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        var uid = remote is IPEndPoint r && local is IPEndPoint l ? _ownerOf(r, l) : null;
        return new HttpPeer(peer, uid);
    }
}
