using SshKeep.Health;

namespace SshKeep.Supervision;

/// <summary>
/// Ends a back-off wait when the server comes back (docs/reachability.md, "How often"). When the
/// first check finds it answering, the wait ends now only if ssh could not even connect (the
/// outage ended while it gave up: bench/soak found an 11 s back-off after a black-hole healed);
/// otherwise the failure was not about reaching it and the back-off runs its course.
/// </summary>
internal static class ReachabilityGate
{
    /// <summary>How often an unreachable server is tried (what the log line says; the checks
    /// themselves are <see cref="IServerReachability.WaitUntilAnswersAsync"/>'s).</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Completes when the server answers after not answering, or at once when it answers
    /// and <paramref name="couldNotConnect"/>; never otherwise, nor for an unknown
    /// <paramref name="server"/> (behind a proxy). <paramref name="onUnreachable"/> hears once what
    /// the first check found when the server is silent, refusing or unreachable (for the log).</summary>
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

    /// <summary>The check's answer, or null when the check itself broke.</summary>
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
