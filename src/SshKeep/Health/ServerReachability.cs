using System.Net;

namespace SshKeep.Health;

/// <summary>The real <see cref="IServerReachability"/>: /proc, plain TCP connects and <c>ssh -G</c>.</summary>
/// <param name="sshEnvironment">The environment <c>ssh -G</c> runs with (docs/security.md); null inherits ours.</param>
internal sealed class ServerReachability(TimeProvider time, IReadOnlyDictionary<string, string?>? sshEnvironment = null) : IServerReachability
{
    /// <summary>Between attempts while the server is silent: the first SYN after the heal goes out within this.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    private readonly ReachabilityCheck _check = new(time);

    public SshConnection? ConnectionOf(int pid) =>
        ConnectStall.ServerConnectionOf(pid) is { } connection ? new SshConnection(connection.Remote, connection.IsConnecting) : null;

    public Task<ReachabilityOutcome> CheckAsync(IPEndPoint server, CancellationToken cancellationToken) =>
        _check.CheckAsync(server, ReachabilityCheck.DefaultTimeout, cancellationToken);

    public Task WaitUntilAnswersAsync(IPEndPoint server, CancellationToken cancellationToken) =>
        new ReachabilityWatch(server, time, WatchInterval).WaitUntilAnswersAsync(cancellationToken);

    public Task<IPEndPoint?> ResolveAsync(string sshPath, IReadOnlyList<string> sshArguments, CancellationToken cancellationToken) =>
        ServerAddress.LookupAsync(sshPath, sshArguments, time, ServerAddress.DefaultTimeout, cancellationToken, sshEnvironment);
}
