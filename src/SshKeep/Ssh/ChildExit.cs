namespace SshKeep.Ssh;

/// <summary>Two fields: R61 tells "killed by signal N" from "exited with N", and 137 is not SIGKILL.</summary>
internal readonly record struct ChildExit
{
    private ChildExit(int? status, int? signal) => (ExitStatus, Signal) = (status, signal);

    public int? ExitStatus { get; }

    public int? Signal { get; }

    public bool WasSignaled => Signal is not null;

    public static ChildExit Exited(int status) => new(status, null);

    public static ChildExit Killed(int signal) => new(null, signal);

    public override string ToString() => WasSignaled ? $"signal {Signal}" : $"status {ExitStatus}";
}
