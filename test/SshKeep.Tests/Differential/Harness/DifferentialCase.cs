namespace SshKeep.Tests.Differential.Harness;

/// <summary>How the keeper is invoked.</summary>
public enum Invocation
{
    /// <summary>autossh: the C binary /usr/lib/autossh/autossh; sshkeep: its apphost.</summary>
    Direct,

    /// <summary>autossh: the Debian wrapper /usr/bin/autossh (random monitor port, R3); sshkeep: its apphost.</summary>
    Wrapper,

    /// <summary>Through a symlink with another name (R70); see <see cref="DifferentialCase.SymlinkName"/>.</summary>
    Symlink,
}

/// <summary>
/// One invocation given to both autossh and sshkeep. Arguments, environment values and the
/// expected strings may use placeholders: {dir} (the run's directory), {fake} (the fake ssh),
/// {P} and {P+1} (a free monitor port pair), {id} (unique per run), {prog}/{argv0} (outputs only).
/// </summary>
public sealed record DifferentialCase(
    string Name,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string?> Env,
    FakeSshPlan Plan,
    Expectations Expect,
    Difference? Deliberate = null)
{
    /// <summary>The spec rules this case covers, e.g. "R61".</summary>
    public required string Rules { get; init; }

    public IReadOnlyList<Step> Script { get; init; } = [];

    public Invocation How { get; init; } = Invocation.Direct;

    public string? SymlinkName { get; init; }

    /// <summary>-f: the process we launch exits at once and a daemon carries on (R80).</summary>
    public bool Detaches { get; init; }

    /// <summary>Allocate a free port pair for {P}/{P+1}.</summary>
    public bool NeedsPort { get; init; }

    /// <summary>Hold 127.0.0.1:{P+1} busy during the run (R46 bind failure).</summary>
    public bool OccupyPortPlusOne { get; init; }

    /// <summary>The monitor port is chosen at random (no -M, no AUTOSSH_PORT): compare modulo the port.</summary>
    public bool RandomMonitorPort { get; init; }

    /// <summary>Both sides bind the same fixed port: run them one after the other.</summary>
    public bool SidesInSequence { get; init; }

    /// <summary>Launch just after a wall-clock second begins (autossh's whole-second lifetime clock, R67).</summary>
    public bool AlignLaunchToSecond { get; init; }

    /// <summary>With <see cref="AlignLaunchToSecond"/>: the case's premise needs the first ssh
    /// started within this many seconds of the launch (early in its wall-clock second). A run
    /// whose keeper was slower than that (a loaded machine) proves nothing either way and is run
    /// again, a few times at most.</summary>
    public double? LatestFirstStart { get; init; }

    /// <summary>Written to the log file before launch (R42: the file is appended to).</summary>
    public string? PreexistingLog { get; init; }

    /// <summary>Compare the log event sequences of the two keepers (off when debug lines make the order timing-dependent).</summary>
    public bool CompareLogSequence { get; init; } = true;

    /// <summary>Start the keeper with SIGINT ignored, as a shell starts a background job (<c>cmd &amp;</c>
    /// in a script); every other signal still starts at its default action.</summary>
    public bool InheritsIgnoredInterrupt { get; init; }

    /// <summary>How long the keeper may take to end after the script.</summary>
    public double ExitDeadlineSeconds { get; init; } = 25;

    /// <summary>Tolerance for gaps and exit times.</summary>
    public double ToleranceSeconds { get; init; } = 0.6;

    public override string ToString() => Name;
}
