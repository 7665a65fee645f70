using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>A hook's variables (docs/config.md, "hooks"): only what status.json shows anyway.</summary>
internal static class HookEnvironment
{
    public const int MaxReasonLength = 500;

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

    public static string Reason(TunnelStatus status)
    {
        var text = string.Join(": ", new[] { status.LastRestartReason, status.LastError }.OfType<string>());
        return OneLine.Cut(OneLine.Of(text, OneLineStyle.Space), MaxReasonLength);
    }
}
