using System.Diagnostics.CodeAnalysis;

namespace SshKeep.Supervision;

/// <summary>The one spelling of each <see cref="TunnelState"/> users see: lower case with
/// dashes, in status.json, <c>status --json</c>, the table, logs and the control protocol.</summary>
public static class TunnelStateNames
{
    public static string ToName(TunnelState state) => state switch
    {
        TunnelState.Starting => "starting",
        TunnelState.Up => "up",
        TunnelState.Backoff => "backoff",
        TunnelState.WaitingForRemotePort => "waiting-for-remote-port",
        TunnelState.NeedsAttention => "needs-attention",
        TunnelState.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a tunnel state."),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out TunnelState? state)
    {
        state = name switch
        {
            "starting" => TunnelState.Starting,
            "up" => TunnelState.Up,
            "backoff" => TunnelState.Backoff,
            "waiting-for-remote-port" => TunnelState.WaitingForRemotePort,
            "needs-attention" => TunnelState.NeedsAttention,
            "stopped" => TunnelState.Stopped,
            _ => null,
        };
        return state is not null;
    }
}
