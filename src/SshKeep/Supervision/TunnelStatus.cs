using SshKeep.Forwarding;

namespace SshKeep.Supervision;

/// <summary>What `sshkeep status` shows for one tunnel; a snapshot, written to status.json.</summary>
internal sealed record TunnelStatus
{
    public required string Name { get; init; }

    /// <summary>The server of the current run, or of the next; null when the tunnel does not run.</summary>
    public string? Destination { get; init; }

    public required TunnelState State { get; init; }

    public required DateTimeOffset Since { get; init; }

    public DateTimeOffset? UpSince { get; init; }

    /// <summary>Of a working tunnel only; retries are <see cref="Attempts"/> (docs/observability.md).</summary>
    public int Restarts { get; init; }

    public int Attempts { get; init; }

    public int? Pid { get; init; }

    /// <summary>"status 255" or "signal 9".</summary>
    public string? LastExit { get; init; }

    /// <summary>ssh's last error line, or sshkeep's own reason.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public DateTimeOffset? NextRetry { get; init; }

    /// <summary>One of <see cref="RestartReasons"/>.</summary>
    public string? LastRestartReason { get; init; }

    public int? HeldRemotePort { get; init; }

    /// <summary>Read only for a status asked on the control socket, never in status.json (docs/held-ports.md,
    /// "Counts"); not written when null, so the JSON of other tunnels stays as it was.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeldForwardReading>? Forwards { get; init; }

    public bool ErrorIsPast => State == TunnelState.Up;

    public TunnelStatus WithError(string error, DateTimeOffset at) => this with { LastError = error, LastErrorAt = at };
}
