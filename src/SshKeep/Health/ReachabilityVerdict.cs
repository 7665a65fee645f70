namespace SshKeep.Health;

/// <summary>How one reachability check (<see cref="ReachabilityCheck"/>) ended.</summary>
internal enum ReachabilityVerdict
{
    /// <summary>The server completed the TCP handshake: something listens there, ssh can start.</summary>
    Answered,

    /// <summary>The host answered with a reset: it is reachable but nothing listens on the port
    /// (sshd stopped or restarting). Not "answers": ssh would fail the same way.</summary>
    Refused,

    /// <summary>No answer within the timeout: a black hole, a lost route, a host that is down.</summary>
    TimedOut,

    /// <summary>The connect failed at once for another reason (no route, network unreachable,
    /// no address to check); <see cref="ReachabilityOutcome.Problem"/> says which.</summary>
    Unreachable,
}
