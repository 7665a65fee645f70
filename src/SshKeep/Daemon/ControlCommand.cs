namespace SshKeep.Daemon;

/// <summary>What a client asks the daemon over the control socket.</summary>
internal enum ControlCommand
{
    /// <summary><c>status</c>: the full status snapshot.</summary>
    Status,

    /// <summary><c>restart NAME</c>: stop that tunnel's ssh and start it again now.</summary>
    Restart,

    /// <summary><c>retry-now [NAME]</c>: cut a back-off wait short (all tunnels without a name), like SIGUSR1.</summary>
    RetryNow,

    /// <summary><c>reload</c>: read the config file again, like SIGHUP.</summary>
    Reload,

    /// <summary><c>stop</c>: stop every ssh and exit 0, like SIGTERM.</summary>
    Stop,
}
