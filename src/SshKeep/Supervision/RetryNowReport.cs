using SshKeep.Logging;

namespace SshKeep.Supervision;

/// <summary>What a <c>retry-now</c> (or SIGUSR1) did, told the same way in the log and in the CLI's answer.</summary>
/// <param name="Tunnels">The statuses when asked, in file order; empty when a named tunnel does not run.</param>
internal sealed record RetryNowReport(IReadOnlyList<TunnelStatus> Tunnels)
{
    public const int MaxNames = 4;

    public static bool IsWaiting(TunnelState state) =>
        state is TunnelState.Backoff or TunnelState.WaitingForRemotePort or TunnelState.NeedsAttention;

    /// <summary>"db starts now (due in 12s); 2 tunnels are up and left alone".</summary>
    public string Describe(DateTimeOffset now)
    {
        var waiting = Tunnels.Where(t => IsWaiting(t.State)).ToList();
        if (Tunnels.Count == 1 && waiting.Count == 0)
        {
            var only = Tunnels[0];
            return $"{only.Name} {Doing(only.State)} and left alone (no wait to cut short)";
        }

        List<string> parts =
        [
            waiting.Count switch
            {
                0 => "no tunnel is waiting, nothing to cut short",
                1 => $"{waiting[0].Name} starts now{Due(waiting[0], now)}",
                _ => $"{Names([.. waiting.Select(t => t.Name + Due(t, now))])} start now",
            },
        ];

        foreach (var state in (TunnelState[])[TunnelState.Up, TunnelState.Starting])
            if (Tunnels.Count(t => t.State == state) is var count and > 0)
                parts.Add($"{Count(count)} {Doing(state, count)} and left alone");
        return string.Join("; ", parts);
    }

    private static string Due(TunnelStatus t, DateTimeOffset now) => t.NextRetry is { } due ? $" (due in {new DaemonDuration(due - now)})" : "";

    private static string Count(int tunnels) => tunnels == 1 ? "1 tunnel" : $"{tunnels} tunnels";

    private static string Doing(TunnelState state, int count = 1) =>
        (count == 1 ? "is " : "are ") + (state switch
        {
            TunnelState.Up => "up",
            TunnelState.Starting => "starting already",
            _ => "stopped",
        });

    /// <summary>"a", "a and b", "a, b and c", "a, b, c, d and 3 more".</summary>
    private static string Names(List<string> names)
    {
        if (names.Count == 1) return names[0];
        var shown = names.Take(names.Count > MaxNames ? MaxNames : names.Count - 1).ToList();
        var last = names.Count > MaxNames ? $"{names.Count - MaxNames} more" : names[^1];
        return $"{string.Join(", ", shown)} and {last}";
    }
}
