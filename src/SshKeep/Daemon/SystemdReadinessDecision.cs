namespace SshKeep.Daemon;

/// <summary>What <see cref="SystemdReadiness.Decide"/> says about READY=1 (docs/daemon.md "Readiness").</summary>
internal enum SystemdReadinessDecision
{
    /// <summary>Not yet: a tunnel is still on its way (starting, backoff, waiting for the server
    /// or its remote port) and <c>ready_timeout</c> has not passed.</summary>
    Wait,

    /// <summary>Every counted tunnel is settled: up once (or tried once with first-attempt), or
    /// in needs-attention, which no wait can fix.</summary>
    Ready,

    /// <summary><c>ready_timeout</c> passed with tunnels still on their way: READY=1 goes out
    /// anyway, and the STATUS= line names what is not up.</summary>
    ReadyAfterTimeout,

    /// <summary>READY=1 was already sent; it never goes out twice.</summary>
    AlreadySent,
}
