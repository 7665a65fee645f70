namespace SshKeep.Bench.Clients;

/// <summary>What goes wrong while the clients connect.</summary>
internal enum ClientFaultKind
{
    /// <summary>SIGKILL to the keeper's ssh; the heal is the kill itself.</summary>
    SshKilled,

    /// <summary>iptables DROP of the sshd port on lo, both directions, for <see cref="ClientScenario.Hold"/>.</summary>
    BlackHole,

    /// <summary>sshd stopped (its sessions killed) and started again on the same port after <see cref="ClientScenario.Hold"/>.</summary>
    SshdDown,

    /// <summary>The tunnel names two servers; the first one's sshd stops for good. The second answers all along, so the heal is the first one gone.</summary>
    Failover,

    /// <summary>SIGKILL to the active ssh of a tunnel that keeps a warm standby.</summary>
    StandbyKilled,
}
