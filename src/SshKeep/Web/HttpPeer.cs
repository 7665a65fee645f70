namespace SshKeep.Web;

/// <summary><paramref name="Uid"/> owns the client's socket; null when it is not from this machine.</summary>
internal sealed record HttpPeer(IPEndPoint Remote, uint? Uid)
{
    public override string ToString() => Uid is null ? $"{Remote} (uid unknown)" : $"{QuotaKey} ({Remote})";

    /// <summary>Whom the per-peer connection cap counts together.</summary>
    public string QuotaKey => Uid is { } uid ? string.Create(CultureInfo.InvariantCulture, $"uid {uid}") : Remote.Address.ToString();
}
