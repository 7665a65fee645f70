namespace SshKeep.Compat;

/// <summary>
/// Everything one autossh-compatible run needs, resolved from the command line and the
/// <c>AUTOSSH_*</c> environment (spec §1–§3). Immutable; made by <see cref="CompatCommandLine"/>.
/// </summary>
internal sealed record CompatSettings
{
    /// <summary>Last path component of argv[0]; appears in -V, usage, logs and the test message (R70).</summary>
    public required string ProgramName { get; init; }

    /// <summary>ssh program: AUTOSSH_PATH or /usr/bin/ssh (R14, R30).</summary>
    public required string SshPath { get; init; }

    /// <summary>ssh's argv after element 0: monitor forwards first, then the user's arguments (R15–R20).</summary>
    public required IReadOnlyList<string> SshArguments { get; init; }

    public required MonitorSpec Monitor { get; init; }

    /// <summary>Seconds between tests (AUTOSSH_POLL, default 600, after the lifetime clamp).</summary>
    public int PollSeconds { get; init; } = 600;

    /// <summary>Seconds from each ssh start to its first test (AUTOSSH_FIRST_POLL, default = poll).</summary>
    public int FirstPollSeconds { get; init; } = 600;

    /// <summary>AUTOSSH_GATETIME in seconds (default 30); 0 after -f (R80).</summary>
    public int GateTimeSeconds { get; init; } = 30;

    /// <summary>AUTOSSH_MAXSTART; -1 means no limit (R36, R66).</summary>
    public int MaxStart { get; init; } = -1;

    /// <summary>AUTOSSH_MAXLIFETIME in seconds; 0 means unlimited (R39, R67).</summary>
    public double MaxLifetimeSeconds { get; init; }

    /// <summary>AUTOSSH_MESSAGE, at most 64 bytes (R37).</summary>
    public string Message { get; init; } = "";

    public string? PidFile { get; init; }

    public string? LogFile { get; init; }

    /// <summary>syslog level 0–7 (AUTOSSH_LOGLEVEL, default 6; 7 with AUTOSSH_DEBUG).</summary>
    public int LogLevel { get; init; } = 6;

    /// <summary>AUTOSSH_DEBUG was set: level 7 and a copy of every line on stderr (R31).</summary>
    public bool Debug { get; init; }

    /// <summary>-f: run in the background, gate time forced to 0 (R80).</summary>
    public bool Detach { get; init; }

    /// <summary>Network timeout of a test in milliseconds: 15000, or poll×500 when poll &lt; 30 (R52).</summary>
    public int NetTimeoutMilliseconds { get; init; } = 15000;
}
