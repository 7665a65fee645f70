using SshKeep.Health;

namespace SshKeep.Supervision;

/// <summary>Completes when ssh is stuck in SYN retransmission while its server answers (docs/reachability.md);
/// stops once ssh connects or shows no TCP socket (a ProxyCommand), so it costs nothing in steady state.</summary>
internal sealed class ConnectStallWatch(IServerReachability reachability, TimeProvider time)
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Half of Linux's first retransmission timeout (1 s), longer than a connect but on the slowest links.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>No TCP socket for this long: ssh connects through a proxy; nothing to watch.</summary>
    public static readonly TimeSpan NoSocketGiveUp = TimeSpan.FromSeconds(5);

    public IPEndPoint? LastServer { get; private set; }

    public async Task<IPEndPoint> WatchAsync(int pid, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        DateTimeOffset? connectingSince = null;
        var sawSocket = false;
        while (true)
        {
            await Task.Delay(Poll, time, cancellationToken);
            var connection = reachability.ConnectionOf(pid);
            if (connection is null)
            {
                if (!sawSocket && time.GetUtcNow() - startedAt >= NoSocketGiveUp) break;
                connectingSince = null;
                continue;
            }

            sawSocket = true;
            LastServer = connection.Remote;
            if (!connection.IsConnecting) break;

            connectingSince ??= time.GetUtcNow();
            if (time.GetUtcNow() - connectingSince < StallAfter) continue;

            if (await AnswersWhileStuckAsync(pid, connection.Remote, cancellationToken)) return connection.Remote;
            break;
        }

        // Connected, or nothing to watch: wait for the end of this run.
        await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }

    private async Task<bool> AnswersWhileStuckAsync(int pid, IPEndPoint server, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answers = reachability.WaitUntilAnswersAsync(server, cts.Token);
        try
        {
            while (true)
            {
                var poll = Task.Delay(Poll, time, cts.Token);
                await Task.WhenAny(answers, poll);
                cancellationToken.ThrowIfCancellationRequested();
                var connection = reachability.ConnectionOf(pid);
                if (connection is not { IsConnecting: true }) return false;
                if (answers.IsCompletedSuccessfully) return true;
                if (answers.IsFaulted) return false;
            }
        }
        finally
        {
            await cts.CancelAsync();
            try { await answers; }
            catch (Exception e) when (e is OperationCanceledException or System.Net.Sockets.SocketException) { }
        }
    }
}
