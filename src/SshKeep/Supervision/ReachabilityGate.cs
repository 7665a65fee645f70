using System.Net;
using SshKeep.Health;

namespace SshKeep.Supervision;

/// <summary>
/// Ends a back-off wait when the server comes back (issue 4 item 3; design: recovery). One check
/// at the start of the wait: if the server answers, the failure was not about reaching it (an
/// overloaded sshd, a refused forward) and the back-off runs its course — and the server sees
/// one connect per failure, not one every half second. If it does not answer, checks run until
/// it does, and the wait ends then, so recovery does not depend on how long the outage lasted.
/// </summary>
public static class ReachabilityGate
{
    /// <summary>How often an unreachable server is tried (what the log line says; the checks
    /// themselves are <see cref="IServerReachability.WaitUntilAnswersAsync"/>'s).</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Completes when the server answers after not answering; never otherwise (until
    /// cancelled). <paramref name="server"/> null (unknown, behind a proxy) never completes.</summary>
    /// <param name="onUnreachable">Called once when the first check finds the server silent (for the log).</param>
    public static async Task ServerReturnsAsync(IServerReachability reachability, IPEndPoint? server, Action onUnreachable,
        CancellationToken cancellationToken)
    {
        if (server is not null && !await AnswersSafelyAsync(reachability, server, cancellationToken))
        {
            onUnreachable();
            await reachability.WaitUntilAnswersAsync(server, cancellationToken);
            return;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private static async Task<bool> AnswersSafelyAsync(IServerReachability reachability, IPEndPoint server, CancellationToken cancellationToken)
    {
        try
        {
            return await reachability.AnswersAsync(server, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A check that breaks must not end the wait early: behave as if the server answered.
            return true;
        }
    }
}
