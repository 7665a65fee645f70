namespace SshKeep;

/// <summary>
/// Every exit status sshkeep gives, in one place; docs/exit-codes.md lists them (a test holds the
/// page to this table) and says which command gives which. The numbers above 1 are sysexits.h's
/// (EX_USAGE, EX_CONFIG, …) and, for <c>status</c>, the LSB init-script status actions'.
/// </summary>
/// <remarks>
/// Constants rather than an enum: every command returns the process's <c>int</c> status, and the
/// compatibility mode also passes through numbers that are not ours to name (autossh's 0/1).
/// </remarks>
internal static class ExitCodes
{
    /// <summary>Done; for <c>status</c>, every enabled tunnel is up.</summary>
    public const int Ok = 0;

    /// <summary>Failed: autossh's only failure status; <c>status</c>: some tunnel is not up;
    /// <c>doctor</c>: something needs attention; a control command the daemon refused.</summary>
    public const int Failure = 1;

    /// <summary>LSB "not running": no daemon runs this config file.</summary>
    public const int NoDaemon = 3;

    /// <summary>LSB "unknown": the daemon could not be asked (permission, timeout, a broken answer).</summary>
    public const int DaemonUnreachable = 4;

    /// <summary>EX_USAGE: a bad command line (unknown command or option, options that do not go together).</summary>
    public const int Usage = 64;

    /// <summary>EX_NOINPUT: <c>uninstall-service</c> found no unit of install-service's for that file.</summary>
    public const int NoInput = 66;

    /// <summary>EX_UNAVAILABLE: <c>systemctl</c> failed.</summary>
    public const int Unavailable = 69;

    /// <summary>EX_OSERR: the daemon could not set up its run directory, lock, status file,
    /// control socket or HTTP listener.</summary>
    public const int CannotStart = 71;

    /// <summary>EX_CANTCREAT: a file (the unit file) could not be created or removed.</summary>
    public const int CannotCreate = 73;

    /// <summary>EX_TEMPFAIL: another sshkeep already runs this config file.</summary>
    public const int AlreadyRunning = 75;

    /// <summary>EX_NOPERM: not allowed (a system unit needs root).</summary>
    public const int NoPermission = 77;

    /// <summary>EX_CONFIG: the config file is invalid, or others could change it.</summary>
    public const int Config = 78;

    /// <summary>128 + SIGQUIT: compatibility mode stopped ssh and exited on SIGQUIT (autossh dumped core).</summary>
    public const int Quit = 131;
}
