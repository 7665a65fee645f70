namespace SshKeep.Bench.Soak;

/// <summary>An ssh of this soak that no live tunnel owns: a child of the daemon that `status` does not
/// list, or one that is not the daemon's child any more (it escaped, or outlived the daemon).</summary>
internal sealed record StraySsh(int Pid, int ParentPid, bool ChildOfDaemon, string CommandLine, int AfterFaults)
{
    public string Describe() =>
        $"pid {Pid} ({(ChildOfDaemon ? "the daemon's child, not in status" : $"parent pid {ParentPid}, not the daemon")}), seen after fault {AfterFaults}: {CommandLine}";
}
