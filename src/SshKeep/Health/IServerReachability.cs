namespace SshKeep.Health;

/// <summary>What the supervisors need to know about the path to an ssh server (a fake in tests).</summary>
internal interface IServerReachability
{
    /// <summary>The TCP connection an ssh process has to its server, or null (none yet, a
    /// ProxyCommand, the process gone).</summary>
    ServerConnection? ConnectionOf(int pid);

    Task<ReachabilityOutcome> CheckAsync(IPEndPoint server, CancellationToken cancellationToken);

    /// <summary>Completes when the server accepts a TCP connect; attempts every fraction of a
    /// second, so the first one after a heal goes out at once.</summary>
    Task WaitUntilAnswersAsync(IPEndPoint server, CancellationToken cancellationToken);

    /// <summary>Where ssh would connect for this command line (<c>ssh -G</c>), or null when it
    /// cannot be known (a proxy, a name that does not resolve).</summary>
    Task<IPEndPoint?> ResolveAsync(string sshPath, IReadOnlyList<string> sshArguments, CancellationToken cancellationToken);
}
