namespace SshKeep.Health;

/// <summary>How one reachability check (<see cref="ServerReachability"/>) ended.</summary>
internal enum ReachabilityVerdict
{
    /// <summary>The server completed the TCP handshake: ssh can start.</summary>
    Answered,

    /// <summary>A reset: the host is there but nothing listens (sshd stopped); ssh would fail the same way.</summary>
    Refused,

    /// <summary>No answer within the timeout: a black hole, a lost route, a host that is down.</summary>
    TimedOut,

    /// <summary>The connect failed at once for another reason (no route, network unreachable).</summary>
    Unreachable,
}
