using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>One child watched by a <see cref="ChildReaper"/>: its exit and its first stop, as tasks.</summary>
internal sealed class TrackedChild
{
    private readonly ChildReaper _reaper;

    // RunContinuationsAsynchronously: completions happen inside the reaper's lock on the signal
    // thread, and awaiting code must never run there.
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _reaped;
    private volatile bool _holdZombie;

    internal TrackedChild(ChildReaper reaper, int pid, bool holdZombie = false) => (_reaper, Pid, _holdZombie) = (reaper, pid, holdZombie);

    public int Pid { get; }

    /// <summary>Completes when the child has ended: reaped, or (held) a zombie waiting for
    /// <see cref="Release"/>. Faults only if the exit status was lost
    /// because something else in the process reaped the child (see <see cref="ChildReaper"/>).</summary>
    public Task<ChildExit> Exited => _exited.Task;

    /// <summary>Completes the first time the child is seen stopped.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>True once waitpid has collected the child: its pid may already belong to another process.</summary>
    public bool IsReaped => _reaped;

    /// <summary>Its exit stays a zombie until <see cref="Release"/> (see <see cref="ChildReaper"/>).</summary>
    internal bool HoldsZombie => _holdZombie;

    /// <summary>The child has ended (reaped, or a held zombie).</summary>
    internal bool HasEnded => _exited.Task.IsCompleted;

    /// <summary>Reaps a held child's zombie now, or, while it still runs, lets it be reaped as soon
    /// as it exits. Signals are no-ops afterwards, as for any reaped child. Call it once whatever
    /// had to be done through the child's process group is done.</summary>
    public void Release() => _reaper.Release(this);

    /// <summary>Sends <paramref name="signal"/> to the child, or to its process group when
    /// <paramref name="toGroup"/>; does nothing once the child is reaped. Returns whether kill succeeded.</summary>
    public bool Signal(int signal, bool toGroup = false) => _reaper.TrySignal(this, toGroup ? -Pid : Pid, signal);

    internal void MarkReaped(ChildExit exit)
    {
        _reaped = true;
        _exited.TrySetResult(exit);
    }

    /// <summary>A held child exited; its zombie keeps the pid (and the group id) taken.</summary>
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
