namespace SshKeep.Health;

/// <summary>TCP keepalive for one socket (TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT): a floor under
/// a probe's own timeout, never the check itself (docs/probes.md, "Side effects and limits").</summary>
internal sealed record TcpKeepAliveSettings(TimeSpan Idle, TimeSpan Interval, int Count)
{
    /// <summary>For sockets that live a few seconds (a probe): the kernel's smallest idle and
    /// interval and 3 probes, so a vanished peer is dead after about 4 s of silence.</summary>
    public static readonly TcpKeepAliveSettings ShortLived = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 3);
}
