using SshKeep.Supervision;

namespace SshKeep.Cli.Status;

/// <summary>
/// One tunnel in <c>status --json</c>: the fields of the table, each as an instant (as in
/// status.json) and, for convenience in scripts, as whole seconds counted to the report's
/// <c>now</c> (elapsed rounded down, remaining rounded up, as in the table). LAST ERROR is not cut.
/// </summary>
public sealed record StatusReportTunnel
{
    public required string Name { get; init; }

    public required TunnelState State { get; init; }

    /// <summary>The port the server still holds, while waiting-for-remote-port.</summary>
    public int? HeldRemotePort { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required long SinceSeconds { get; init; }

    public DateTimeOffset? UpSince { get; init; }

    public long? UptimeSeconds { get; init; }

    public int Restarts { get; init; }

    public int? Pid { get; init; }

    public string? LastExit { get; init; }

    /// <summary>Why the last ssh run ended (<c>Supervision/RestartReasons</c>), e.g. "probe-failed".</summary>
    public string? LastRestartReason { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? NextRetry { get; init; }

    public long? NextRetryInSeconds { get; init; }
}
