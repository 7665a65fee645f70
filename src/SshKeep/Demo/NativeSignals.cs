using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>
/// kill(2) for the demo and the test fixtures, which must signal processes they did not start
/// with <see cref="System.Diagnostics.Process"/> (the ssh child of the supervisor under test, a
/// server-side sshd session) and send signals other than SIGKILL (SIGSTOP, SIGCONT, SIGTERM).
/// It goes through the product's one kill P/Invoke (<see cref="LibC"/>).
/// </summary>
internal static class NativeSignals
{
    // Signal numbers: SignalNumbers, the one table of them.

    /// <summary>Sends <paramref name="signal"/> to one process. False when it is gone (ESRCH) or not ours (EPERM).</summary>
    public static bool Send(int pid, int signal)
    {
        // pid 0 or negative would signal a whole process group, or every process we may signal.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        return LibC.kill(pid, signal) == 0;
    }

    /// <summary>Sends <paramref name="signal"/> only if <paramref name="process"/> is still that very
    /// process, so a pid remembered a while ago cannot hit an unrelated program that reused it.</summary>
    public static bool Send(ProcessIdentity process, int signal) =>
        ProcessTable.IsAlive(process) && Send(process.Pid, signal);
}
