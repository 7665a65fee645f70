using SshKeep.Forwarding;

namespace SshKeep.Supervision;

/// <summary>What `sshkeep status` shows for one tunnel; a snapshot, written to status.json.</summary>
internal sealed record TunnelStatus
{
    public required string Name { get; init; }

    /// <summary>The server of the current run, or of the next one while waiting; null when the tunnel does not run
    /// (disabled, removed).</summary>
    public string? Destination { get; init; }

    public required TunnelState State { get; init; }

    /// <summary>When the tunnel entered <see cref="State"/>.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>When the current ssh became healthy; null unless up.</summary>
    public DateTimeOffset? UpSince { get; init; }

    /// <summary>Restarts of a working tunnel (it was up, or a restart was asked while ssh ran);
    /// retries of one that never came up are <see cref="Attempts"/> (docs/observability.md).</summary>
    public int Restarts { get; init; }

    /// <summary>Every ssh start of this tunnel, the first one included.</summary>
    public int Attempts { get; init; }

    public int? Pid { get; init; }

    /// <summary>How the last ssh ended, e.g. "status 255" or "signal 9"; null before the first exit.</summary>
    public string? LastExit { get; init; }

    /// <summary>The last error line ssh printed (or sshkeep's own reason); past once up again (<see cref="ErrorIsPast"/>).</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>When the next start is due, while waiting.</summary>
    public DateTimeOffset? NextRetry { get; init; }

    /// <summary>Why the last ssh run ended, one of <see cref="RestartReasons"/>; null before the first end.</summary>
    public string? LastRestartReason { get; init; }

    /// <summary>The remote port the server still holds (waiting-for-remote-port only).</summary>
    public int? HeldRemotePort { get; init; }

    /// <summary>The ports sshkeep holds for this tunnel, with their counts, read when the control socket is asked for a
    /// status; null for a tunnel that holds none, and always null in status.json, which is written only on transitions
    /// (docs/held-ports.md, "Counts"). Not written when null, so the JSON of other tunnels stays as it was.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeldForwardReading>? Forwards { get; init; }

    /// <summary>Up again: <see cref="LastError"/> is history, not a current problem.</summary>
    public bool ErrorIsPast => State == TunnelState.Up;

    public TunnelStatus WithError(string error, DateTimeOffset at) => this with { LastError = error, LastErrorAt = at };
}
