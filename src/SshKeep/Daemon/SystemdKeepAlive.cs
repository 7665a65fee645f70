namespace SshKeep.Daemon;

/// <summary>What one watchdog tick sends (<see cref="SystemdWatchdog.Decide"/>).</summary>
[Flags]
internal enum SystemdKeepAlive
{
    /// <summary>Nothing: no watchdog and start-up done, or the supervisor loop is silent.</summary>
    None = 0,

    /// <summary>WATCHDOG=1.</summary>
    Ping = 1,

    /// <summary>EXTEND_TIMEOUT_USEC=…: tunnels are still coming up and the loop is alive.</summary>
    ExtendStart = 2,
}
