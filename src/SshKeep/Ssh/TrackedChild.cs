namespace SshKeep.Ssh;

/// <summary>One child watched by a <see cref="ChildReaper"/>: its exit and its first stop, as tasks.</summary>
public sealed class TrackedChild
{
    private readonly ChildReaper _reaper;

    // RunContinuationsAsynchronously: completions happen inside the reaper's lock on the signal
    // thread, and awaiting code must never run there.
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _reaped;

    internal TrackedChild(ChildReaper reaper, int pid) => (_reaper, Pid) = (reaper, pid);

    public int Pid { get; }

    /// <summary>Completes when the child has been reaped. Faults only if the exit status was lost
    /// because something else in the process reaped the child (see <see cref="ChildReaper"/>).</summary>
    public Task<ChildExit> Exited => _exited.Task;

    /// <summary>Completes the first time the child is seen stopped.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>True once waitpid has collected the child: its pid may already belong to another process.</summary>
    public bool IsReaped => _reaped;

    /// <summary>Sends <paramref name="signal"/> to the child, or to its process group when
    /// <paramref name="toGroup"/>; does nothing once the child is reaped. Returns whether kill succeeded.</summary>
    public bool Signal(int signal, bool toGroup = false) => _reaper.TrySignal(this, toGroup ? -Pid : Pid, signal);

    internal void MarkReaped(ChildExit exit)
    {
        _reaped = true;
        _exited.TrySetResult(exit);
    }

    internal void MarkLost(int errno)
    {
        _reaped = true;
        _exited.TrySetException(new InvalidOperationException(
            $"child {Pid} was reaped elsewhere; its exit status is unknown ({LibC.StrError(errno)})"));
    }

    internal void MarkStopped() => _stopped.TrySetResult();
}
