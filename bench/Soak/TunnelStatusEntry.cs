namespace SshKeep.Bench.Soak;

/// <summary>One tunnel of `sshkeep status --json`: what the soak needs of it.</summary>
internal sealed record TunnelStatusEntry(string Name, string State, int? Pid, int Restarts, string? LastError, string? LastRestartReason)
{
    /// <summary>"up, pid 1234, 3 restarts" or "backoff, 4 restarts, last error: …", for a failure's report.</summary>
    public string Describe() =>
        $"{State}{(Pid is { } pid ? $", pid {pid}" : "")}, {Restarts} restarts" +
        $"{(LastRestartReason is { } reason ? $", last restart: {reason}" : "")}{(LastError is { } error ? $", last error: {error}" : "")}";
}
