using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary><c>sshkeep status --json</c>: the daemon, the moment of the report, and the table's
/// fields per tunnel (docs/daemon.md "sshkeep status").</summary>
internal sealed record StatusReport
{
    public required DaemonInfo Daemon { get; init; }

    /// <summary>When the report was made; the durations are counted to here.</summary>
    public required DateTimeOffset Now { get; init; }

    public required IReadOnlyList<Tunnel> Tunnels { get; init; }

    /// <summary>One tunnel: each field as an instant (as in status.json) and, for scripts, as whole
    /// seconds counted to <see cref="Now"/> (elapsed rounded down, remaining rounded up, as in the
    /// table). The fields mean what <see cref="TunnelStatus"/>'s do; LAST ERROR is not cut, and
    /// <see cref="LastErrorPast"/> says it is resolved (the table then shows none).</summary>
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

        /// <summary>The ports sshkeep holds for the tunnel; absent for a tunnel that holds none.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<Forward>? Forwards { get; init; }
    }

    /// <summary>One held port's counts since the daemon began holding it (docs/held-ports.md, "Counts").</summary>
    /// <param name="Listen">The listen half as the config has it, e.g. <c>127.0.0.1:8080</c>.</param>
    /// <param name="WaitSeconds">How long the clients a session carries waited for it, in all.</param>
    internal sealed record Forward(
        string Listen, ForwardKind Kind, long Accepted, int Waiting, int Open, long Failed, double WaitSeconds);
}
