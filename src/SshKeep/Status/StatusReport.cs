using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>docs/daemon.md, "sshkeep status".</summary>
internal sealed record StatusReport(DaemonInfo Daemon, DateTimeOffset Now, IReadOnlyList<StatusReport.Tunnel> Tunnels)
{
    /// <summary>The fields of <see cref="TunnelStatus"/>, and for scripts whole seconds counted to <see cref="Now"/>.</summary>
    internal sealed record Tunnel(
        string Name, string? Destination, TunnelState State, int? HeldRemotePort,
        DateTimeOffset Since, long SinceSeconds, DateTimeOffset? UpSince, long? UptimeSeconds,
        int Restarts, int Attempts, int? Pid, string? LastExit, string? LastRestartReason,
        string? LastError, DateTimeOffset? LastErrorAt, long? LastErrorAgoSeconds, bool LastErrorPast,
        DateTimeOffset? NextRetry, long? NextRetryInSeconds,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Forward>? Forwards);

    /// <summary>docs/held-ports.md, "Counts".</summary>
    internal sealed record Forward(
        string Listen, ForwardKind Kind, long Accepted, int Waiting, int Open, long Failed, double WaitSeconds);
}
