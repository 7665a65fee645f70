namespace SshKeep.Ssh;

/// <summary>
/// The environment variables systemd hands a service, and which of them ssh must not inherit.
/// </summary>
/// <remarks>
/// sshkeep reads them but does not unset them in its own environment (sd_notify's
/// unset_environment would race with other threads reading the environment); instead none of
/// <see cref="ChildVariablesToRemove"/> is on the allowlist of <see cref="Ssh.SshEnvironment"/>, so
/// no ssh the daemon starts sees them (a test keeps the two lists apart). A child
/// that saw them would act on messages meant for sshkeep: an ssh ProxyCommand that speaks
/// sd_notify would send READY=1 or WATCHDOG=1 for us, and with NotifyAccess=all it would count.
/// </remarks>
internal static class SystemdEnvironment
{
    /// <summary>sd_notify(3): where to send notifications.</summary>
    public const string NotifySocket = "NOTIFY_SOCKET";

    /// <summary>sd_watchdog_enabled(3): the watchdog timeout in microseconds.</summary>
    public const string WatchdogUsec = "WATCHDOG_USEC";

    /// <summary>sd_watchdog_enabled(3): the pid the watchdog settings are meant for.</summary>
    public const string WatchdogPid = "WATCHDOG_PID";

    /// <summary>
    /// Removed from ssh's environment: notification and watchdog settings (meant for sshkeep only),
    /// socket activation (the fds are not passed on, and LISTEN_PID would not match), and
    /// JOURNAL_STREAM and SYSTEMD_EXEC_PID, which describe sshkeep's stderr and pid, not ssh's:
    /// ssh's stderr is a pipe to sshkeep.
    /// </summary>
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

    /// <summary>Whether the launcher must leave <paramref name="name"/> out of ssh's environment.</summary>
    public static bool IsRemovedFromChildren(string name) =>
        ChildVariablesToRemove.Contains(name, StringComparer.Ordinal);
}
