namespace SshKeep.Ssh;

/// <summary>None on <see cref="SshEnvironment"/>'s allowlist: a ProxyCommand that speaks sd_notify cannot send READY=1
/// for us. Not unset in our own environment: that would race its readers.</summary>
internal static class SystemdEnvironment
{
    public const string NotifySocket = "NOTIFY_SOCKET";

    public const string WatchdogUsec = "WATCHDOG_USEC";

    public const string WatchdogPid = "WATCHDOG_PID";

    /// <summary>Meant for sshkeep only (socket activation's fds are not passed on).</summary>
    public static IReadOnlyList<string> ChildVariablesToRemove { get; } =
        [NotifySocket, WatchdogUsec, WatchdogPid, "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "JOURNAL_STREAM",
            "SYSTEMD_EXEC_PID"];
}
