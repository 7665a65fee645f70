using System.Net;
using Microsoft.AspNetCore.Connections;
using SshKeep.Daemon;
using SshKeep.Health;

namespace SshKeep.Web;

/// <summary>
/// Kestrel connection middleware, run once per accepted connection before any byte is read:
/// finds who the peer is (<see cref="HttpPeer"/>: its uid from the kernel's socket table when it
/// connects from this machine), applies the <see cref="ConnectionQuota"/>, and leaves the peer in
/// the connection's features for <see cref="HttpEndpoints"/>. A connection over the quota is
/// closed at once (logged through <see cref="HttpRefusalLog"/>).
/// </summary>
internal sealed class PeerGate(ConnectionQuota quota, HttpRefusalLog refusals, uint ownUid, Func<IPEndPoint, IPEndPoint, uint?>? ownerOf = null)
{
    private readonly Func<IPEndPoint, IPEndPoint, uint?> _ownerOf = ownerOf ?? ((peer, us) => TcpSocketTable.OwnerOfPeer(peer, us));

    /// <summary>The middleware around <paramref name="next"/>, for <c>ListenOptions.Use</c>.</summary>
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
