namespace SshKeep.Health;

/// <summary>
/// TCP keepalive for one socket (SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT).
/// The second seed (tcp-keepalive): the kernel's defaults (2 h idle, 75 s apart, 9 probes) never
/// fire within the life of a short connection, so a socket that wants keepalive must set all
/// three; and keepalive only proves the peer's TCP stack, never the service, which is why it is
/// only a floor under the probe's own timeout and exchange.
/// </summary>
/// <param name="Idle">Silence before the first keepalive (TCP_KEEPIDLE).</param>
/// <param name="Interval">Between unanswered keepalives (TCP_KEEPINTVL).</param>
/// <param name="Count">Unanswered keepalives before the kernel drops the connection (TCP_KEEPCNT).</param>
internal sealed record TcpKeepAliveSettings(TimeSpan Idle, TimeSpan Interval, int Count)
{
    /// <summary>
    /// For sockets that live a few seconds (a probe, a reachability check): the kernel's smallest
    /// idle and interval (1 s) and 3 probes, so a peer that vanishes mid-exchange is declared dead
    /// after about 4 s of silence even if the caller's own timeout were longer. Within the default
    /// 3 s probe timeout the timeout still decides first; keepalive is the floor, not the check.
    /// </summary>
    public static readonly TcpKeepAliveSettings ShortLived = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 3);

    /// <summary>How long a silent peer lasts before the kernel gives up: idle + interval × count.</summary>
    public TimeSpan DeadAfter => Idle + Interval * Count;
}
