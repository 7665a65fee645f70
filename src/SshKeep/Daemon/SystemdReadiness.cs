using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>
/// Whether READY=1 is due (issue 3 item 6). Pure: the reporter calls it on every change and
/// sends READY=1 the first time it says yes.
/// </summary>
public static class SystemdReadiness
{
    /// <summary>
    /// <see cref="ReadyWhen.AllUp"/>: every counted tunnel has been up once.
    /// <see cref="ReadyWhen.FirstAttempt"/>: every counted tunnel's first attempt has an outcome.
    /// Stopped tunnels (disabled, removed) are not counted, so a file with no enabled tunnel is
    /// ready at once: there is nothing to wait for, and systemd should not time out waiting.
    /// Never due again once sent (<paramref name="alreadySent"/>).
    /// </summary>
    public static bool IsDue(ReadyWhen readyWhen, IReadOnlyList<SystemdTunnelProgress> tunnels, bool alreadySent)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        if (alreadySent) return false;
        foreach (var tunnel in tunnels)
        {
            if (tunnel.State == TunnelState.Stopped) continue;
            bool settled = readyWhen switch
            {
                ReadyWhen.FirstAttempt => tunnel.EverUp || tunnel.Attempted,
                _ => tunnel.EverUp,
            };
            if (!settled) return false;
        }
        return true;
    }
}
