using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Hooks;

/// <summary>
/// Holds the status the hooks last saw for one supervisor, and hands each new status with it to
/// the <see cref="HookDispatcher"/>. Thread-safe: a supervisor reports from its loop and from its
/// stderr reader; under one lock each status is compared with the one before it, and the queue
/// receives the events in that order.
/// </summary>
internal sealed class HookObserver
{
    private readonly HookDispatcher _dispatcher;
    private readonly TunnelConfig _tunnel;
    private readonly Lock _gate = new();
    private TunnelStatus? _previous;

    internal HookObserver(HookDispatcher dispatcher, TunnelConfig tunnel) => (_dispatcher, _tunnel) = (dispatcher, tunnel);

    /// <summary>
    /// Pass the supervisor's live status (<see cref="TunnelSupervisor.Status"/>), read when its
    /// change callback runs, rather than the snapshot handed to the callback: a snapshot from the
    /// stderr reader can arrive after a newer one from the loop, and would look like a transition
    /// back (a false down and up). The live status is never older than the last one seen.
    /// </summary>
    public void Observe(TunnelStatus status)
    {
        lock (_gate)
        {
            var previous = _previous;
            _previous = status;
            _dispatcher.Fire(_tunnel, previous, status);
        }
    }
}
