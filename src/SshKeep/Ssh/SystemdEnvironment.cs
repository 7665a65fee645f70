namespace SshKeep.Ssh;

/// <summary>
/// The variables systemd hands a service, and which of them ssh must not inherit. sshkeep does not unset
/// them in its own environment (that would race with threads reading it); none is on
/// <see cref="SshEnvironment"/>'s allowlist (a test keeps the lists apart), so a ProxyCommand that speaks
/// sd_notify cannot send READY=1 or WATCHDOG=1 for us.
/// </summary>
internal static class SystemdEnvironment
{
    /// <summary>sd_notify(3): where to send notifications.</summary>
    public const string NotifySocket = "NOTIFY_SOCKET";

    /// <summary>sd_watchdog_enabled(3): the watchdog timeout in microseconds.</summary>
    public const string WatchdogUsec = "WATCHDOG_USEC";

    /// <summary>sd_watchdog_enabled(3): the pid the watchdog settings are meant for.</summary>
    public const string WatchdogPid = "WATCHDOG_PID";

    /// <summary>Meant for sshkeep only: notifications, watchdog, socket activation (the fds are not passed on),
    /// and sshkeep's own stderr and pid.</summary>
    public static IReadOnlyList<string> ChildVariablesToRemove { get; } =
    [
        NotifySocket,
        WatchdogUsec,
        WatchdogPid,
        "LISTEN_FDS",
        "LISTEN_PID",
        "LISTEN_FDNAMES",
        "JOURNAL_STREAM",
        "SYSTEMD_EXEC_PID",
    ];
}
