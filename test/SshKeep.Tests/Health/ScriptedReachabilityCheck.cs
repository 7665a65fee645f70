using System.Net;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

/// <summary>A reachability check the test answers by hand (<see cref="PendingCheck"/>), for the
/// watch's timing rules on a manual clock.</summary>
internal sealed class ScriptedReachabilityCheck
{
    private readonly object _gate = new();
    private readonly List<PendingCheck> _calls = [];

    public int Calls
    {
        get { lock (_gate) return _calls.Count; }
    }

    /// <summary>Calls not yet answered, failed or cancelled.</summary>
    public int Open
    {
        get { lock (_gate) return _calls.Count(c => !c.Task.IsCompleted); }
    }

    public PendingCheck this[int index]
    {
        get { lock (_gate) return _calls[index]; }
    }

    public Task<ReachabilityOutcome> CheckAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var call = new PendingCheck(endpoint, timeout, cancellationToken);
        lock (_gate) _calls.Add(call);
        return call.Task;
    }
}
