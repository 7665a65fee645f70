namespace SshKeep.Health;

/// <summary>Who listens on a local TCP port (<see cref="PortHolder"/>).</summary>
/// <param name="Port">The port asked about.</param>
/// <param name="Uid">The listening socket's owner, from the socket table (always known).</param>
/// <param name="Pid">The process holding it; null when no process we may inspect holds it
/// (another user's, and sshkeep is not root), or it went away during the scan.</param>
/// <param name="Command">/proc/PID/comm ("python3"); null with <paramref name="Pid"/>.</param>
/// <param name="CommandLine">/proc/PID/cmdline with spaces for NULs, at most
/// <see cref="PortHolder.CommandLineLimit"/> characters ("python3 -m http.server 8080");
/// null when empty (kernel threads) or unreadable.</param>
internal sealed record PortHolding(int Port, uint Uid, int? Pid, string? Command, string? CommandLine)
{
    /// <summary>One phrase for an error line: "held by pid 1234 (python3 -m http.server 8080)",
    /// or "held by a process of uid 0 that sshkeep may not inspect".</summary>
    public string Describe() => Pid is { } pid
        ? $"held by pid {pid} ({CommandLine ?? Command ?? "?"})"
        : $"held by a process of uid {Uid} that sshkeep may not inspect";
}
