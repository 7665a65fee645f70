using System.Runtime.InteropServices;

namespace SshKeep.Ssh;

/// <summary>
/// Sees every state change of the children sshkeep started, the moment it happens: one SIGCHLD
/// registration, and on each SIGCHLD a non-blocking waitpid for every tracked pid. Create one per
/// process in the composition root and share it (several would work, but each SIGCHLD would then
/// be handled several times).
/// </summary>
/// <remarks>
/// Why per-pid waitpid and not waitpid(-1): the .NET runtime reaps the children that
/// System.Diagnostics.Process started, and we must not steal those (nor it ours). The runtime
/// delivers SIGCHLD for stop, continue and exit to this registration and leaves children it did
/// not start alone (checked on .NET 10, Linux 6.18). SIGCHLDs coalesce, which is why each one
/// checks every tracked pid, and why each pid is drained until waitpid reports nothing new.
/// All waitpid and kill calls happen under one lock, so a pid is never signalled after it was
/// reaped (when the kernel could give it to an unrelated process).
/// </remarks>
public sealed class ChildReaper : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<int, TrackedChild> _children = [];
    private readonly PosixSignalRegistration _registration;

    public ChildReaper() =>
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapAll());

    /// <summary>Number of children started and not yet reaped (for status and tests).</summary>
    public int TrackedCount
    {
        get { lock (_gate) return _children.Count; }
    }

    /// <summary>
    /// Starts watching a child we just spawned. Checks it once at once: it may have ended before it
    /// was tracked, and its SIGCHLD would then have found nothing to do.
    /// </summary>
    public TrackedChild Track(int pid)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        var child = new TrackedChild(this, pid);
        lock (_gate)
        {
            if (!_children.TryAdd(pid, child))
                throw new InvalidOperationException($"Child {pid} is already tracked.");
            Check(child);
        }
        return child;
    }

    /// <summary>Stops listening to SIGCHLD: children still tracked are never reported after this,
    /// so dispose only when sshkeep itself ends.</summary>
    public void Dispose() => _registration.Dispose();

    /// <summary>kill(2) the target (a pid, or -pgid) only while <paramref name="child"/> is unreaped.</summary>
    internal bool TrySignal(TrackedChild child, int target, int signal)
    {
        lock (_gate)
        {
            if (child.IsReaped) return false;
            return LibC.kill(target, signal) == 0;
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

    /// <summary>Drains every pending state change of one child. Caller holds the lock.</summary>
    private unsafe void Check(TrackedChild child)
    {
        while (!child.IsReaped)
        {
            int status;
            int result = LibC.waitpid(child.Pid, &status, LibC.WNOHANG | LibC.WUNTRACED | LibC.WCONTINUED);
            if (result == 0) return; // running, nothing new
            if (result < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR) continue;
                // ECHILD: someone else reaped it (only possible if another part of the process calls
                // waitpid(-1), e.g. the runtime when SIGCHLD was ignored at start-up). The status is lost.
                _children.Remove(child.Pid);
                child.MarkLost(errno);
                return;
            }
            if (WaitStatus.IsExited(status))
            {
                _children.Remove(child.Pid);
                child.MarkReaped(ChildExit.Exited(WaitStatus.ExitStatus(status)));
            }
            else if (WaitStatus.IsSignaled(status))
            {
                _children.Remove(child.Pid);
                child.MarkReaped(ChildExit.Killed(WaitStatus.TermSignal(status)));
            }
            else if (WaitStatus.IsStopped(status))
            {
                child.MarkStopped();
            }
            // Continued (0xffff): nothing to record; the next stop or exit is what matters.
        }
    }
}
