namespace SshKeep.Daemon;

/// <summary>Who writes a status snapshot: the daemon process and its config file.</summary>
internal sealed record DaemonInfo
{
    /// <summary>The daemon's pid.</summary>
    public required int Pid { get; init; }

    /// <summary>The canonical path of the config file it runs.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>When the daemon started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>sshkeep's version.</summary>
    public required string Version { get; init; }
}
