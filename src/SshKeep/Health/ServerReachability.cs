using System.Net;

namespace SshKeep.Health;

/// <summary>
/// The real <see cref="IServerReachability"/>: ssh's socket from /proc (<see cref="ConnectStall"/>),
/// plain TCP connects (<see cref="ReachabilityCheck"/>, <see cref="ReachabilityWatch"/>) and
/// <c>ssh -G</c> (<see cref="ServerAddress"/>).
/// </summary>
/// <param name="time">The clock.</param>
/// <param name="sshEnvironment">The environment <c>ssh -G</c> runs with (the daemon's minimal one,
/// docs/security.md); null inherits ours.</param>
internal sealed class ServerReachability(TimeProvider time, IReadOnlyDictionary<string, string?>? sshEnvironment = null) : IServerReachability
{
    /// <summary>A tenth of a second between attempts while waiting for a silent server: after
    /// the heal, the first SYN goes out within this (the goal is heal → working within 0.5 s, of which
    /// ssh's own connect and authentication take most). Only while the server is silent, so the
    /// cost is a few SYNs a second per waiting tunnel during an outage.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    private readonly ReachabilityCheck _check = new(time);

    public SshConnection? ConnectionOf(int pid) =>
        ConnectStall.ServerConnectionOf(pid) is { } connection ? new SshConnection(connection.Remote, connection.IsConnecting) : null;

    public Task<ReachabilityOutcome> CheckAsync(IPEndPoint server, CancellationToken cancellationToken) =>
        _check.CheckAsync(server, ReachabilityCheck.DefaultTimeout, cancellationToken);

    public Task WaitUntilAnswersAsync(IPEndPoint server, CancellationToken cancellationToken) =>
        new ReachabilityWatch(server, time, WatchInterval).WaitUntilAnswersAsync(cancellationToken);

    public async Task<IPEndPoint?> ResolveAsync(string sshPath, IReadOnlyList<string> sshArguments, CancellationToken cancellationToken) =>
        (await ServerAddress.LookupAsync(sshPath, sshArguments, time, ServerAddress.DefaultTimeout, cancellationToken, sshEnvironment)).Primary;
}
