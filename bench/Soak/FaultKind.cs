namespace SshKeep.Bench.Soak;

/// <summary>The faults of the recovery benchmark (bench/faults), plus a config reload with a change.</summary>
internal enum FaultKind
{
    /// <summary>One tunnel's ssh gets SIGKILL.</summary>
    SshKilled,

    /// <summary>Every packet to and from the sshd port is dropped on lo for a while (<c>LoopbackFirewall</c>).</summary>
    BlackHole,

    /// <summary>One tunnel's server session is stopped (SIGSTOP) for a while, then continued.</summary>
    ServerFrozen,

    /// <summary>sshd is stopped (its sessions killed) and started again on the same port a while later.</summary>
    SshdRestarted,

    /// <summary>A -R tunnel's ssh is killed and a foreign ssh takes its remote port for a while.</summary>
    RemotePortHeld,

    /// <summary>The tunnels file is changed and the daemon told to reload.</summary>
    ConfigReloaded,
}
