using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>The variables a hook gets on top of the daemon's environment (docs/config.md, hooks): only what status.json
/// shows anyway, never a key, a password or the config's contents.</summary>
internal static class HookEnvironment
{
    /// <summary>Longest SSHKEEP_REASON; ssh's error lines are short, a runaway one is cut.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The variables for <paramref name="hookEvent"/>, fired by <paramref name="transition"/>
    /// (SSHKEEP_TIMESTAMP: when it happened).</summary>
    public static IReadOnlyDictionary<string, string> For(HookEvent hookEvent, TunnelTransition transition)
    {
        var (previous, next, now) = (transition.Before, transition.After, transition.At);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SSHKEEP_TUNNEL"] = next.Name,
            ["SSHKEEP_EVENT"] = KebabName.Of(hookEvent),
            ["SSHKEEP_STATE"] = KebabName.Of(next.State),
            ["SSHKEEP_PREVIOUS_STATE"] = KebabName.Of(previous.State),
            ["SSHKEEP_REASON"] = Reason(next),
            ["SSHKEEP_SINCE"] = UtcTimestampJsonConverter.ToText(next.Since),
            ["SSHKEEP_TIMESTAMP"] = UtcTimestampJsonConverter.ToText(now),
            ["SSHKEEP_UNIX_TIME"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["SSHKEEP_RESTARTS"] = next.Restarts.ToString(CultureInfo.InvariantCulture),
            ["SSHKEEP_ATTEMPTS"] = next.Attempts.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Why the last ssh run ended and what ssh said ("exited: Connection reset by peer"), on one line so a
    /// script can use it in one line of its own; empty before the first run ended.</summary>
    public static string Reason(TunnelStatus status)
    {
        var text = string.Join(": ", new[] { status.LastRestartReason, status.LastError }.OfType<string>());
        return OneLine.Cut(OneLine.Of(text, OneLineStyle.Space), MaxReasonLength);
    }
}
