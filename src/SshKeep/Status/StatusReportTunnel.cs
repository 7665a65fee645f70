using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>
/// One tunnel in <c>status --json</c>: the fields of the table, each as an instant (as in
/// status.json) and, for convenience in scripts, as whole seconds counted to the report's
/// <c>now</c> (elapsed rounded down, remaining rounded up, as in the table). LAST ERROR is not cut.
/// </summary>
internal sealed record StatusReportTunnel
{
    public required string Name { get; init; }

    public required TunnelState State { get; init; }

    /// <summary>The port the server still holds, while waiting-for-remote-port.</summary>
    public int? HeldRemotePort { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required long SinceSeconds { get; init; }

    public DateTimeOffset? UpSince { get; init; }

    public long? UptimeSeconds { get; init; }

    /// <summary>Restarts of a working tunnel (<c>Supervision/TunnelStatus.Restarts</c>).</summary>
    public int Restarts { get; init; }

    /// <summary>Every ssh start, the first and each retry.</summary>
    public int Attempts { get; init; }

    public int? Pid { get; init; }

    public string? LastExit { get; init; }

    /// <summary>Why the last ssh run ended (<c>Supervision/RestartReasons</c>), e.g. "probe-failed".</summary>
    public string? LastRestartReason { get; init; }

    /// <summary>The last error, not cut; it stays when the tunnel is up again, with
    /// <see cref="LastErrorPast"/> true.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Whole seconds from <see cref="LastErrorAt"/> to the report's now.</summary>
    public long? LastErrorAgoSeconds { get; init; }

    /// <summary>True when the tunnel is up again: the last error is resolved, not a current
    /// problem (the table then shows no LAST ERROR).</summary>
    public bool LastErrorPast { get; init; }

    public DateTimeOffset? NextRetry { get; init; }

    public long? NextRetryInSeconds { get; init; }
}
