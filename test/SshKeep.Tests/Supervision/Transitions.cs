using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

/// <summary>Transitions for the tests of the folds (status, hooks, metrics, timeline).</summary>
internal static class Transitions
{
    /// <summary>From <paramref name="before"/> to <paramref name="after"/>, at the moment the new state began.</summary>
    public static TunnelTransition Of(TunnelStatus before, TunnelStatus after, string reason = TransitionReasons.Error, DateTimeOffset? at = null) =>
        new(before, after, reason) { At = at ?? after.Since };

    /// <summary>A fresh tunnel (starting, nothing counted) reaching <paramref name="status"/> in one step.</summary>
    public static TunnelTransition First(TunnelStatus status, DateTimeOffset? at = null) =>
        Of(Fresh(status.Name, status.Since), status, TransitionReasons.Starting, at);

    /// <summary>A chain: each status after the one before, starting from a fresh tunnel.</summary>
    public static IReadOnlyList<TunnelTransition> Chain(params TunnelStatus[] statuses) =>
        [.. statuses.Select((s, i) => i == 0 ? First(s) : Of(statuses[i - 1], s))];

    public static TunnelTransition Listed(TunnelStatus status, DateTimeOffset? at = null) => Of(status, status, TransitionReasons.Listed, at);

    public static TunnelTransition Removed(string name, DateTimeOffset at)
    {
        var stopped = new TunnelStatus { Name = name, State = TunnelState.Stopped, Since = at };
        return Of(stopped, stopped, TransitionReasons.Removed, at);
    }

    public static TunnelStatus Fresh(string name, DateTimeOffset since) => new() { Name = name, State = TunnelState.Starting, Since = since };
}
