using SshKeep.Native;

namespace SshKeep.Ssh;

internal sealed class TrackedChild
{
    private readonly ChildReaper _reaper;

    // Completions happen inside the reaper's lock on the signal thread, where awaiting code must never run.
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _reaped;
    private volatile bool _holdZombie;

    internal TrackedChild(ChildReaper reaper, int pid, bool holdZombie = false) => (_reaper, Pid, _holdZombie) = (reaper, pid, holdZombie);

    public int Pid { get; }

    /// <summary>Reaped, or a held zombie; faults if something else reaped it.</summary>
    public Task<ChildExit> Exited => _exited.Task;

    public Task Stopped => _stopped.Task;

    /// <summary>Its pid may already belong to another process.</summary>
    public bool IsReaped => _reaped;

    internal bool HoldsZombie => _holdZombie;

    internal bool HasEnded => _exited.Task.IsCompleted;

    /// <summary>Reaps a held zombie now, or as soon as it exits; call it once the group is dealt with.</summary>
    public void Release() => _reaper.Release(this);

    public bool Signal(int signal, bool toGroup = false) => _reaper.TrySignal(this, toGroup ? -Pid : Pid, signal);

    internal void MarkReaped(ChildExit exit)
    {
        _reaped = true;
        _exited.TrySetResult(exit);
    }

    internal void MarkEnded(ChildExit exit) => _exited.TrySetResult(exit);

    internal void StopHolding() => _holdZombie = false;

    internal void MarkLost(int errno)
    {
        _reaped = true;
        _exited.TrySetException(new InvalidOperationException(
            $"child {Pid} was reaped elsewhere; its exit status is unknown ({LibC.StrError(errno)})"));
    }

    internal void MarkStopped() => _stopped.TrySetResult();
}
