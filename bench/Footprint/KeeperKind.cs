namespace SshKeep.Bench.Footprint;

/// <summary>What keeps the tunnels in one row of the table.</summary>
internal enum KeeperKind
{
    /// <summary>One sshkeep daemon with the default health settings (a probe per forward every 5 s).</summary>
    Sshkeep,

    /// <summary>One sshkeep daemon with <c>probe_interval: 0</c>: what the probes cost.</summary>
    SshkeepNoProbes,

    /// <summary>One autossh 1.4g per tunnel.</summary>
    Autossh,
}
