namespace SshKeep.Ssh;

/// <summary>
/// How an ssh child ended, exactly as waitpid(2) reported it. Kept as two separate fields because
/// autossh's verdict (spec R61) treats "killed by signal N" and "exited with status N" differently,
/// and an exit status of 137 must never be mistaken for SIGKILL.
/// </summary>
internal readonly record struct ChildExit
{
    private ChildExit(int? status, int? signal) => (ExitStatus, Signal) = (status, signal);

    /// <summary>The exit status when the child called exit(); null when a signal killed it.</summary>
    public int? ExitStatus { get; }

    /// <summary>The signal that killed the child; null when it exited normally.</summary>
    public int? Signal { get; }

    public bool WasSignaled => Signal is not null;

    public static ChildExit Exited(int status) => new(status, null);

    public static ChildExit Killed(int signal) => new(null, signal);

    public override string ToString() => WasSignaled ? $"signal {Signal}" : $"status {ExitStatus}";
}
