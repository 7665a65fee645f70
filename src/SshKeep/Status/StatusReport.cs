using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>docs/daemon.md, "sshkeep status".</summary>
internal sealed record StatusReport
{
    public required DaemonInfo Daemon { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required IReadOnlyList<Tunnel> Tunnels { get; init; }

    /// <summary>The fields of <see cref="TunnelStatus"/>, and for scripts whole seconds counted to <see cref="Now"/>.</summary>
    internal sealed record Tunnel
    {
        public required string Name { get; init; }

        public string? Destination { get; init; }

        public required TunnelState State { get; init; }

        public int? HeldRemotePort { get; init; }

        public required DateTimeOffset Since { get; init; }

        public required long SinceSeconds { get; init; }

        public DateTimeOffset? UpSince { get; init; }

        public long? UptimeSeconds { get; init; }

        public int Restarts { get; init; }

        public int Attempts { get; init; }

        public int? Pid { get; init; }

        public string? LastExit { get; init; }

        public string? LastRestartReason { get; init; }

        public string? LastError { get; init; }

        public DateTimeOffset? LastErrorAt { get; init; }

        public long? LastErrorAgoSeconds { get; init; }

        public bool LastErrorPast { get; init; }

        public DateTimeOffset? NextRetry { get; init; }

        public long? NextRetryInSeconds { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<Forward>? Forwards { get; init; }
    }

    /// <summary>docs/held-ports.md, "Counts".</summary>
    internal sealed record Forward(
        string Listen, ForwardKind Kind, long Accepted, int Waiting, int Open, long Failed, double WaitSeconds);
}
