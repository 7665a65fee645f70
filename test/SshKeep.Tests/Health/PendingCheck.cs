using System.Net;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

/// <summary>One call of <see cref="ScriptedReachabilityCheck"/>: open until the test answers it or
/// its token is cancelled (the watch's timeout or its end), as a real connect would be.</summary>
internal sealed class PendingCheck
{
    private readonly TaskCompletionSource<ReachabilityOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingCheck(IPEndPoint endpoint, TimeSpan timeout, CancellationToken token)
    {
        Endpoint = endpoint;
        Timeout = timeout;
        Token = token;
        token.Register(() => _outcome.TrySetCanceled(token));
    }

    public IPEndPoint Endpoint { get; }

    public TimeSpan Timeout { get; }

    public CancellationToken Token { get; }

    public Task<ReachabilityOutcome> Task => _outcome.Task;

    public bool Cancelled => Token.IsCancellationRequested;

    public void Answer() => _outcome.TrySetResult(ReachabilityOutcome.AnsweredBy(Endpoint));

    public void Refuse() => _outcome.TrySetResult(ReachabilityOutcome.RefusedBy(Endpoint));

    public void Fail(Exception e) => _outcome.TrySetException(e);
}
