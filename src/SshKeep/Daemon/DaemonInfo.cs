namespace SshKeep.Daemon;

/// <summary>Who writes a status snapshot.</summary>
internal sealed record DaemonInfo
{
    public required int Pid { get; init; }

    /// <summary>Canonical.</summary>
    public required string ConfigPath { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Version { get; init; }
}
