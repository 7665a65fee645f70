using System.Net;
using SshKeep.Health;

namespace SshKeep.Supervision;

/// <summary>
/// Ends a back-off wait when the server comes back (design: recovery). One check
/// at the start of the wait: if the server does not answer, checks run until it does, and the
/// wait ends then, so recovery does not depend on how long the outage lasted. If it answers at
/// once, it depends on why ssh failed: when ssh could not even connect to it (its connect timed
/// out or was refused, and the outage ended while it was giving up), the cause is gone and the
/// wait ends now (bench/soak found an 11 s back-off after a black-hole healed just before ssh's
/// connect timed out); otherwise the failure was not about reaching it (an overloaded sshd, a
/// refused forward) and the back-off runs its course, and the server sees one connect per
/// failure, not one every 100 ms.
/// </summary>
internal static class ReachabilityGate
{
    /// <summary>How often an unreachable server is tried (what the log line says; the checks
    /// themselves are <see cref="IServerReachability.WaitUntilAnswersAsync"/>'s).</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Completes when the server answers after not answering, or at once when it answers
    /// and <paramref name="couldNotConnect"/>; never otherwise (until cancelled).
    /// <paramref name="server"/> null (unknown, behind a proxy) never completes.</summary>
    /// <param name="couldNotConnect">The ssh that failed said its TCP connect to the server failed.</param>
    /// <param name="onUnreachable">Called once when the first check finds the server silent, refusing
    /// or unreachable, with what it found (for the log).</param>
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
