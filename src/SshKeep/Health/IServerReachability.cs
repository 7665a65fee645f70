namespace SshKeep.Health;

/// <summary>What the supervisors need to know about the path to an ssh server (a fake in tests).</summary>
internal interface IServerReachability
{
    /// <summary>ssh's TCP connection to its server, or null (none yet, a ProxyCommand, the process gone).</summary>
    ServerConnection? ConnectionOf(int pid);

    Task<ReachabilityOutcome> CheckAsync(IPEndPoint server, CancellationToken cancellationToken);

    Task WaitUntilAnswersAsync(IPEndPoint server, CancellationToken cancellationToken);

    /// <summary>Where ssh would connect (<c>ssh -G</c>); null when it cannot be known (a proxy, a name that does not resolve).</summary>
    Task<IPEndPoint?> ResolveAsync(string sshPath, IReadOnlyList<string> sshArguments, CancellationToken cancellationToken);
}
