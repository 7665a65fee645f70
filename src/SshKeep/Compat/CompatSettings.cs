namespace SshKeep.Compat;

/// <summary>
/// Everything one autossh-compatible run needs, resolved from the command line and the
/// <c>AUTOSSH_*</c> environment (spec §1–§3) by <see cref="CompatCommandLine"/>.
/// </summary>
internal sealed record CompatSettings
{
    /// <summary>Last path component of argv[0] (R70).</summary>
    public required string ProgramName { get; init; }

    /// <summary>AUTOSSH_PATH or /usr/bin/ssh (R14, R30).</summary>
    public required string SshPath { get; init; }

    /// <summary>ssh's argv after element 0: monitor forwards first, then the user's arguments (R15–R20).</summary>
    public required IReadOnlyList<string> SshArguments { get; init; }

    public required MonitorSpec Monitor { get; init; }

    public int PollSeconds { get; init; } = 600;

    public int FirstPollSeconds { get; init; } = 600;

    /// <summary>0 after -f (R80).</summary>
    public int GateTimeSeconds { get; init; } = 30;

    /// <summary>-1 means no limit (R36, R66).</summary>
    public int MaxStart { get; init; } = -1;

    /// <summary>0 means unlimited (R39, R67).</summary>
    public double MaxLifetimeSeconds { get; init; }

    public string Message { get; init; } = "";

    public string? PidFile { get; init; }

    public string? LogFile { get; init; }

    /// <summary>syslog level 0–7 (default 6; 7 with AUTOSSH_DEBUG).</summary>
    public int LogLevel { get; init; } = 6;

    /// <summary>AUTOSSH_DEBUG: level 7 and a copy of every line on stderr (R31).</summary>
    public bool Debug { get; init; }

    /// <summary>-f (R80).</summary>
    public bool Detach { get; init; }

    /// <summary>15000, or poll×500 when poll &lt; 30 (R52).</summary>
    public int NetTimeoutMilliseconds { get; init; } = 15000;
}
