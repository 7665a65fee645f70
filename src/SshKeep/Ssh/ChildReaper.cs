using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>docs/daemon.md "Children: exits and stderr".</summary>
internal sealed class ChildReaper : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<int, TrackedChild> _children = [];
    private readonly PosixSignalRegistration _registration;

    public ChildReaper() => _registration = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapAll());

    /// <summary>Checks the child at once: its SIGCHLD may have come before it was tracked.</summary>
    public TrackedChild Track(int pid, bool holdZombie = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        var child = new TrackedChild(this, pid, holdZombie);
        lock (_gate)
        {
            if (!_children.TryAdd(pid, child))
                throw new InvalidOperationException($"Child {pid} is already tracked.");
            Check(child);
        }
        return child;
    }

    /// <summary>Only when sshkeep ends: children still tracked are never reported.</summary>
    public void Dispose() => _registration.Dispose();

    /// <summary>Only while <paramref name="child"/> is unreaped; <paramref name="target"/> is a pid, or -pgid.</summary>
    internal bool TrySignal(TrackedChild child, int target, int signal)
    {
        lock (_gate)
        {
            if (child.IsReaped) return false;
            return LibC.kill(target, signal) == 0;
        }
    }

    internal unsafe void Release(TrackedChild child)
    {
        lock (_gate)
        {
            child.StopHolding();
            if (child.IsReaped) return;
            if (child.HasEnded)
            {
                int status;
                while (LibC.waitpid(child.Pid, &status, LibC.WNOHANG) < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
                {
                }
                // Whatever waitpid said, the zombie is gone or was never ours to take (ECHILD).
                _children.Remove(child.Pid);
                child.MarkReaped(child.Exited.Result);
                return;
            }
            Check(child);
        }
    }

    private void ReapAll()
    {
        lock (_gate)
        {
            // Check mutates the dictionary when a child is reaped, so walk a copy.
            foreach (var child in _children.Values.ToArray()) Check(child);
        }
    }

    /// <summary>Caller holds the lock (so do the three below).</summary>
    private void Check(TrackedChild child)
    {
        if (child.HoldsZombie) CheckHeld(child);
        else CheckAndReap(child);
    }

    /// <summary>An exit is only looked at (WNOWAIT), so the zombie stays.</summary>
    private unsafe void CheckHeld(TrackedChild child)
    {
        byte* info = stackalloc byte[LibC.SigInfoSize];
        while (!child.HasEnded)
        {
            new Span<byte>(info, LibC.SigInfoSize).Clear();
            int result = LibC.waitid(LibC.P_PID, child.Pid, info, LibC.WSTOPPED | LibC.WCONTINUED | LibC.WNOHANG);
            if (result == 0 && *(int*)(info + 16) != 0)
            {
                if (*(int*)(info + 8) == LibC.CLD_STOPPED) child.MarkStopped();
                continue;
            }

            new Span<byte>(info, LibC.SigInfoSize).Clear();
            result = LibC.waitid(LibC.P_PID, child.Pid, info, LibC.WEXITED | LibC.WNOHANG | LibC.WNOWAIT);
            if (result < 0)
            {
                if (Interrupted(child)) continue;
                return;
            }
            if (*(int*)(info + 16) == 0) return; // running, nothing new
            int code = *(int*)(info + 8), value = *(int*)(info + 24);
            child.MarkEnded(code == LibC.CLD_EXITED ? ChildExit.Exited(value) : ChildExit.Killed(value));
        }
    }

    /// <summary>After a failed wait: true for EINTR; otherwise (ECHILD: reaped elsewhere) the status is lost.</summary>
    private bool Interrupted(TrackedChild child)
    {
        int errno = Marshal.GetLastPInvokeError();
        if (errno == LibC.EINTR) return true;
        _children.Remove(child.Pid);
        child.MarkLost(errno);
        return false;
    }

    private unsafe void CheckAndReap(TrackedChild child)
    {
        while (!child.IsReaped)
        {
            int status;
            int result = LibC.waitpid(child.Pid, &status, LibC.WNOHANG | LibC.WUNTRACED | LibC.WCONTINUED);
            if (result == 0) return; // running, nothing new
            if (result < 0)
            {
                if (Interrupted(child)) continue;
                return;
            }
            if (WaitStatus.IsExited(status) || WaitStatus.IsSignaled(status))
            {
                _children.Remove(child.Pid);
                child.MarkReaped(WaitStatus.IsExited(status)
                    ? ChildExit.Exited(WaitStatus.ExitStatus(status)) : ChildExit.Killed(WaitStatus.TermSignal(status)));
            }
            else if (WaitStatus.IsStopped(status))
            {
                child.MarkStopped();
            }
            // Continued (0xffff): nothing to record; the next stop or exit is what matters.
        }
    }
}
