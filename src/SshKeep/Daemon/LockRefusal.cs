namespace SshKeep.Daemon;

/// <summary>Why <see cref="InstanceLock.TryAcquire"/> did not get the lock: another process holds it
/// (<see cref="HeldByAnother"/>, with its pid when the lock file says), or an error.</summary>
/// <param name="LockPath">The lock file.</param>
/// <param name="HolderPid">The pid written in the lock file by the holder; null when unreadable
/// (the holder may be between taking the lock and writing its pid).</param>
/// <param name="Error">What went wrong when the lock could not even be tried; null when held by another.</param>
internal sealed record LockRefusal(string LockPath, int? HolderPid, string? Error)
{
    /// <summary>Another process holds the lock: a daemon already runs for this config file.</summary>
    public bool HeldByAnother => Error is null;

    /// <summary>The line for the user, without the program-name prefix, e.g.
    /// <c>another sshkeep (pid 1234) already runs tunnels.yaml</c>.</summary>
    /// <param name="config">The config file as the user named it.</param>
    public string Describe(string config) => (HeldByAnother, HolderPid) switch
    {
        (true, int pid) => $"another sshkeep (pid {pid}) already runs {config}",
        (true, null) => $"another sshkeep already runs {config} (lock file {LockPath})",
        _ => $"cannot lock \"{LockPath}\": {Error}",
    };
}
