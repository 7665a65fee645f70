using SshKeep.Health;

namespace SshKeep.Supervision;

/// <summary>Ends a back-off wait when the server comes back (docs/reachability.md, "How often"). A server answering
/// at once ends it only if ssh could not even connect (bench/soak: an 11 s back-off after a black-hole healed).</summary>
internal static class ReachabilityGate
{
    /// <summary>What the log line says; the checks are <see cref="IServerReachability.WaitUntilAnswersAsync"/>'s.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Never completes for an unknown <paramref name="server"/> (behind a proxy).</summary>
    public static async Task ServerReturnsAsync(IServerReachability reachability, IPEndPoint? server, bool couldNotConnect,
        Action<ReachabilityOutcome> onUnreachable, CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            var outcome = await CheckSafelyAsync(reachability, server, cancellationToken);
            bool? answers = outcome?.Answered;
            if (answers == false)
            {
                onUnreachable(outcome!);
                await reachability.WaitUntilAnswersAsync(server, cancellationToken);
                return;
            }
            // Only a real answer ends the wait: a check that broke (null) must not turn a
            // refused server into a restart loop.
            if (answers == true && couldNotConnect) return;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>Null when the check itself broke.</summary>
    private static async Task<ReachabilityOutcome?> CheckSafelyAsync(IServerReachability reachability, IPEndPoint server, CancellationToken cancellationToken)
    {
        try
        {
            return await reachability.CheckAsync(server, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
