namespace SshKeep.Native;

/// <summary>Decodes a waitpid(2) status word the way glibc's W* macros do (Linux layout): low 7 bits are the
/// terminating signal (0 = exited, 0x7f = stopped), the next byte is the exit status or the stop signal.</summary>
internal static class WaitStatus
{
    public static bool IsExited(int status) => (status & 0x7f) == 0;

    public static bool IsSignaled(int status) => (status & 0x7f) is not 0 and not 0x7f;

    public static bool IsStopped(int status) => (status & 0xff) == 0x7f;

    public static int ExitStatus(int status) => (status >> 8) & 0xff;

    public static int TermSignal(int status) => status & 0x7f;
}
