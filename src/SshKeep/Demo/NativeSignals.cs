using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>kill(2) for the demo and the fixtures, which signal processes they did not start (the supervisor's
/// ssh child, an sshd session) with signals other than SIGKILL. Numbers: <see cref="SignalNumbers"/>.</summary>
internal static class NativeSignals
{
    /// <summary>Sends <paramref name="signal"/> to one process. False when it is gone (ESRCH) or not ours (EPERM).</summary>
    public static bool Send(int pid, int signal)
    {
        // pid 0 or negative would signal a whole process group, or every process we may signal.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        return LibC.kill(pid, signal) == 0;
    }

    /// <summary>Only while <paramref name="process"/> is still that very process, not one that reused its pid.</summary>
    public static bool Send(ProcessIdentity process, int signal) =>
        ProcessTable.IsAlive(process) && Send(process.Pid, signal);
}
