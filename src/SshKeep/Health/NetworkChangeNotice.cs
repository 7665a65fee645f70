namespace SshKeep.Health;

/// <param name="NetworkAvailable">The burst's last availability; null when only addresses changed.</param>
internal sealed record NetworkChangeNotice(DateTimeOffset At, int Events, bool? NetworkAvailable)
{
    public string Text => $"network {(NetworkAvailable == false ? "unavailable" : "changed")} ({Events} {(Events == 1 ? "event" : "events")})";
}
