using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>
/// Whether READY=1 is due. Pure: the reporter calls it on every change (and once more when
/// <c>ready_timeout</c> passes) and sends READY=1 the first time it says so. What READY means
/// with a broken tunnel: docs/daemon.md "Readiness".
/// </summary>
internal static class SystemdReadiness
{
    /// <summary>The <c>ready_timeout</c> when the file does not set one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <see cref="ReadyWhen.AllUp"/>: every counted tunnel has been up once.
    /// <see cref="ReadyWhen.FirstAttempt"/>: every counted tunnel's first attempt has an outcome.
    /// Under either rule a tunnel in needs-attention (a permanent failure: wrong key, unknown
    /// host key) is settled at once: waiting cannot bring it up, and holding READY=1 for it would
    /// block `systemctl start` for ever. A tunnel still on its way (starting, backoff,
    /// waiting-for-remote-port) holds READY=1 until <paramref name="elapsed"/> reaches
    /// <paramref name="timeout"/>; then READY=1 goes out anyway.
    /// Stopped tunnels (disabled, removed) are not counted, so a file with no enabled tunnel is
    /// ready at once: there is nothing to wait for, and systemd should not time out waiting.
    /// </summary>
    /// <param name="readyWhen">The config's <c>ready_when</c>.</param>
    /// <param name="tunnels">Every tunnel's progress.</param>
    /// <param name="alreadySent">READY=1 has gone out before.</param>
    /// <param name="elapsed">Time since the daemon started waiting for readiness.</param>
    /// <param name="timeout">The config's <c>ready_timeout</c>.</param>
    public static SystemdReadinessDecision Decide(ReadyWhen readyWhen, IReadOnlyList<ListedTunnel> tunnels, bool alreadySent,
        TimeSpan elapsed, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        if (alreadySent) return SystemdReadinessDecision.AlreadySent;
        foreach (var tunnel in tunnels)
        {
            if (tunnel.Status.State is TunnelState.Stopped or TunnelState.NeedsAttention) continue;
            bool settled = readyWhen switch
            {
                ReadyWhen.FirstAttempt => tunnel.EverUp || tunnel.Attempted,
                _ => tunnel.EverUp,
            };
            if (!settled)
                return elapsed >= timeout ? SystemdReadinessDecision.ReadyAfterTimeout : SystemdReadinessDecision.Wait;
        }
        return SystemdReadinessDecision.Ready;
    }
}
