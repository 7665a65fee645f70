using SshKeep.Logging;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>The STATUS= line (<c>1/3 up; api: needs-attention (authentication refused); +1 more</c>). Short on
/// purpose: it is one line on a terminal; `sshkeep status` has the rest.</summary>
internal static class SystemdStatusLine
{
    public const int MaxReasonLength = 60;

    /// <summary>Stopped tunnels (disabled, removed) are neither counted nor shown.</summary>
    public static string Build(IReadOnlyList<TunnelStatus> tunnels, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        var counted = tunnels.Where(t => t.State != TunnelState.Stopped).ToList();
        if (counted.Count == 0) return "no tunnels to keep up";
        var problems = counted.Where(t => t.State != TunnelState.Up).ToList();
        string head = $"{counted.Count - problems.Count}/{counted.Count} up";
        // MinBy keeps the first of equal ranks.
        if (problems.MinBy(t => Rank(t.State)) is not { } worst) return head;
        string line = $"{head}; {worst.Name}: {Problem(worst, now)}";
        return problems.Count > 1 ? $"{line}; +{problems.Count - 1} more" : line;
    }

    public static string Problem(TunnelStatus tunnel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        return tunnel.State switch
        {
            TunnelState.NeedsAttention => string.IsNullOrWhiteSpace(tunnel.LastError)
                ? "needs-attention"
                : $"needs-attention ({Shorten(tunnel.LastError)})",
            TunnelState.WaitingForRemotePort => tunnel.HeldRemotePort is { } port
                ? $"waiting-for-remote-port {port}"
                : "waiting-for-remote-port",
            TunnelState.Backoff => tunnel.NextRetry is { } next && next > now
                ? $"backoff {Countdown(next - now)}"
                : "backoff",
            _ => KebabName.Of(tunnel.State),
        };
    }

    /// <summary>What a person should look at first; starting is likely fine in a moment.</summary>
    private static int Rank(TunnelState state) => state switch
    {
        TunnelState.NeedsAttention => 0,
        TunnelState.WaitingForRemotePort => 1,
        TunnelState.Backoff => 2,
        _ => 3,
    };

    /// <summary>"backoff 1s" rather than "backoff 0.3s" in a status line.</summary>
    private static string Countdown(TimeSpan remaining) =>
        new DaemonDuration(TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds))).ToString();

    private static string Shorten(string reason) => OneLine.Cut(reason.Trim(), MaxReasonLength);
}
