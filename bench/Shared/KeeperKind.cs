namespace SshKeep.Bench;

/// <summary>The supervisors compared side by side.</summary>
internal enum KeeperKind
{
    /// <summary>Debian's autossh 1.4g with the seed's recommended options: the yardstick.</summary>
    Autossh,

    /// <summary>sshkeep in compatibility mode, with exactly autossh's command line and environment.</summary>
    Compat,

    /// <summary>sshkeep up with one tunnel, defaults except the same keepalive settings.</summary>
    Daemon,
}
