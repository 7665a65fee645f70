namespace SshKeep.Supervision;

/// <summary>What `sshkeep status` shows for one tunnel; a snapshot, written to status.json.</summary>
public sealed record TunnelStatus
{
    public required string Name { get; init; }

    public required TunnelState State { get; init; }

    /// <summary>When the tunnel entered <see cref="State"/>.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>When the current ssh became healthy; null unless up.</summary>
    public DateTimeOffset? UpSince { get; init; }

    /// <summary>ssh starts after the first one.</summary>
    public int Restarts { get; init; }

    /// <summary>Pid of the running ssh, if any.</summary>
    public int? Pid { get; init; }

    /// <summary>How the last ssh ended, e.g. "status 255" or "signal 9"; null before the first exit.</summary>
    public string? LastExit { get; init; }

    /// <summary>The last error line ssh printed on stderr (or sshkeep's own reason).</summary>
    public string? LastError { get; init; }

    /// <summary>When the next start is due, while waiting.</summary>
    public DateTimeOffset? NextRetry { get; init; }

    /// <summary>Why the last ssh run ended, one of <see cref="RestartReasons"/>; null before the first end.</summary>
    public string? LastRestartReason { get; init; }

    /// <summary>The remote port the server still holds (waiting-for-remote-port only).</summary>
    public int? HeldRemotePort { get; init; }
}
