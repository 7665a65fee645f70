namespace SshKeep.Web;

/// <summary>Who is at the other end of an HTTP connection: the address, and the uid owning the client's socket
/// when it comes from this machine (<see cref="PeerGate"/> finds it; null otherwise).</summary>
internal sealed record HttpPeer(IPEndPoint Remote, uint? Uid)
{
    /// <summary>For the log: <c>uid 1000 (127.0.0.1:45678)</c>, or <c>192.0.2.7:45678 (uid unknown)</c>.</summary>
    public override string ToString() =>
        Uid is { } uid
            ? string.Create(CultureInfo.InvariantCulture, $"uid {uid} ({Remote})")
            : string.Create(CultureInfo.InvariantCulture, $"{Remote} (uid unknown)");

    /// <summary>Whom the per-peer connection cap counts together: a uid on this machine, an address otherwise.</summary>
    public string QuotaKey => Uid is { } uid ? string.Create(CultureInfo.InvariantCulture, $"uid {uid}") : Remote.Address.ToString();
}
