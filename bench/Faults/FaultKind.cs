namespace SshKeep.Bench.Faults;

/// <summary>What goes wrong in a trial.</summary>
internal enum FaultKind
{
    /// <summary>SIGKILL to the keeper's ssh child.</summary>
    SshKilled,

    /// <summary>iptables DROP of the sshd port on lo, both directions, for <see cref="FaultScenario.Hold"/>.</summary>
    BlackHole,

    /// <summary>SIGSTOP of the server's session processes: every socket stays open, nothing answers.</summary>
    ServerFrozen,

    /// <summary>sshd stopped (its sessions killed) and started again on the same port after <see cref="FaultScenario.Hold"/>.</summary>
    SshdRestarted,

    /// <summary>A -R tunnel whose ssh is killed while the old server session, frozen, still holds the remote port for <see cref="FaultScenario.Hold"/>.</summary>
    RemotePortHeld,
}
