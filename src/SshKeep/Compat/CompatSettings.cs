namespace SshKeep.Compat;

/// <summary>The environment as the command line leaves it (GATETIME after -f, R80; the program, R41), and more.</summary>
internal sealed record CompatSettings : CompatEnvironment
{
    public CompatSettings(CompatEnvironment environment) : base(environment) { }

    /// <summary>R70.</summary>
    public required string ProgramName { get; init; }

    /// <summary>After element 0 (R15–R20).</summary>
    public required IReadOnlyList<string> SshArguments { get; init; }

    public required MonitorSpec Monitor { get; init; }

    /// <summary>R80.</summary>
    public bool Detach { get; init; }

    /// <summary>R52.</summary>
    public int NetTimeoutMilliseconds { get; init; } = 15000;
}
