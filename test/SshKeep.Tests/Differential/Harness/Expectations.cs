namespace SshKeep.Tests.Differential.Harness;

/// <summary>What stderr must look like.</summary>
public abstract record StderrRule
{
    public sealed record Empty : StderrRule;

    /// <summary>Usage text (R4): optionally glibc's one-line diagnostic first (with {argv0}), then the
    /// usage block: first line <c>usage: {prog} …</c> naming -M, -f and -V, 29 lines in all.</summary>
    public sealed record Usage(string? Diagnostic = null) : StderrRule;

    /// <summary>Exactly one non-empty line that names the variable (sshkeep's fix for R29).</summary>
    public sealed record OneLineNaming(string Variable) : StderrRule;

    /// <summary>Not checked.</summary>
    public sealed record Any : StderrRule;

    public const int UsageLines = 29;
}

/// <summary>
/// What one keeper must do in a case. Null means "not checked here" (the cross-comparison with
/// autossh still applies unless the case is a deliberate difference).
/// </summary>
public sealed record Expectations
{
    public ExitStatus? Exit { get; init; }

    /// <summary>Exact number of ssh starts.</summary>
    public int? Starts { get; init; }

    public int? MinStarts { get; init; }

    /// <summary>Seconds the keeper waited from the end of each run to the next start (Starts−1
    /// values, R63's back-off), each within the tolerance.</summary>
    public IReadOnlyList<double>? Waits { get; init; }

    /// <summary>ssh's argv (after element 0) on every run, normalised.</summary>
    public IReadOnlyList<string>? Argv { get; init; }

    /// <summary>The exact sequence of log events.</summary>
    public IReadOnlyList<string>? Log { get; init; }

    /// <summary>These events, in this order, among the others.</summary>
    public IReadOnlyList<string>? LogIncludes { get; init; }

    /// <summary>None of the log events contains any of these texts.</summary>
    public IReadOnlyList<string>? LogExcludes { get; init; }

    public bool? LogFileExists { get; init; }

    /// <summary>Exact stdout, normalised ({prog}).</summary>
    public string? Stdout { get; init; }

    public StderrRule? Stderr { get; init; }

    /// <summary>True: the pid file held the keeper's pid when sampled (needs a SamplePidFile step).</summary>
    public bool? PidFileHeldPid { get; init; }

    /// <summary>True: the pid file is still there after the keeper ended; false: removed (or never made).</summary>
    public bool? PidFileAfter { get; init; }

    public bool? SshAliveAfter { get; init; }

    /// <summary>ssh's working directory, normalised ({dir} or /).</summary>
    public string? Cwd { get; init; }

    /// <summary>The keeper ended between these many seconds after its first ssh start. (Measured
    /// from the first start, not from the launch: a keeper's own start-up can take a second on
    /// a loaded machine, while its first start follows its reading of the environment at once.)</summary>
    public (double From, double To)? ExitAfterFirstStart { get; init; }

    /// <summary>When the keeper must exit, in seconds after it was launched. AUTOSSH_MAXLIFETIME
    /// counts from the moment the environment is read (R39, R67), i.e. from the launch, so a
    /// keeper that takes longer to start its first ssh (a cold .NET runtime on a loaded machine)
    /// must still end on the lifetime's schedule.</summary>
    public (double From, double To)? ExitAfterLaunch { get; init; }

    public bool? DaemonGone { get; init; }

    /// <summary>Anything else; returns failure messages.</summary>
    public Func<Observation, IEnumerable<string>>? Extra { get; init; }
}

/// <summary>
/// A case where sshkeep deliberately differs from autossh (the spec's list of fixed bugs).
/// autossh is still checked against the case's expectations (recording what it does);
/// sshkeep is checked against <see cref="Sshkeep"/> and the two are not cross-compared.
/// </summary>
public sealed record Difference(string Rule, string What, Expectations Sshkeep);
