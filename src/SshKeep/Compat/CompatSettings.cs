namespace SshKeep.Compat;

/// <summary>
/// Everything one autossh-compatible run needs (spec §1–§3), resolved by <see cref="CompatCommandLine"/>: the
/// <c>AUTOSSH_*</c> values (GATETIME 0 after -f, R80; the program to run, R41) and what the command line adds.
/// </summary>
internal sealed record CompatSettings : CompatEnvironment
{
    public CompatSettings(CompatEnvironment environment)
        : base(environment)
    {
    }

    /// <summary>Last path component of argv[0] (R70).</summary>
    public required string ProgramName { get; init; }

    /// <summary>ssh's argv after element 0: monitor forwards first, then the user's arguments (R15–R20).</summary>
    public required IReadOnlyList<string> SshArguments { get; init; }

    public required MonitorSpec Monitor { get; init; }

    /// <summary>-f (R80).</summary>
    public bool Detach { get; init; }

    /// <summary>15000, or poll×500 when poll &lt; 30 (R52).</summary>
    public int NetTimeoutMilliseconds { get; init; } = 15000;
}
