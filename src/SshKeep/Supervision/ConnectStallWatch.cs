using SshKeep.Health;

namespace SshKeep.Supervision;

/// <summary>
/// Watches one ssh process while it connects (docs/reachability.md): an ssh started during an
/// outage sits in SYN retransmission, so once it has been connecting for <see cref="StallAfter"/>
/// the server is tried every <see cref="Poll"/>, and the watch completes the moment it answers
/// while ssh is still stuck. It stops once ssh's connection is established or when ssh shows no
/// TCP socket (a ProxyCommand), so it costs nothing in steady state.
/// </summary>
internal sealed class ConnectStallWatch(IServerReachability reachability, TimeProvider time)
{
    /// <summary>How often ssh's socket is looked at while it connects.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Longer than a connect takes but on the slowest links, and half of Linux's first retransmission
    /// timeout (1 s): an ssh started just before an outage ends would otherwise wait for that retransmission.
    /// A slow link's own answer still comes first: the check's SYN goes out after ssh's.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>No TCP socket for this long: ssh connects through a proxy; nothing to watch.</summary>
    public static readonly TimeSpan NoSocketGiveUp = TimeSpan.FromSeconds(5);

    /// <summary>The server address ssh last used (learned from its socket); null until seen.</summary>
    public IPEndPoint? LastServer { get; private set; }

    /// <summary>Completes with the server's address when ssh is stuck connecting and the server
    /// answers; otherwise runs until cancelled (ssh exited or came up).</summary>
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

    /// <summary>True when the server answered while ssh was still connecting; false when ssh got
    /// through on its own first (or its socket went away).</summary>
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
