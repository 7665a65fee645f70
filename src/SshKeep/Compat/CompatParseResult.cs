namespace SshKeep.Compat;

/// <summary>What <see cref="CompatCommandLine.Parse"/> decided. Exit statuses follow R90.</summary>
internal abstract record CompatParseResult
{
    private CompatParseResult() { }

    /// <summary><c>-V</c> (R5): write <paramref name="Line"/> to stdout, exit 0.</summary>
    public sealed record ShowVersion(string Line) : CompatParseResult;

    /// <summary>Usage (R4): glibc's one-line <paramref name="GetoptDiagnostic"/> when getopt rejected
    /// an option, then <paramref name="Text"/> (ending with a newline) on stderr, exit 1.</summary>
    public sealed record Usage(string? GetoptDiagnostic, string Text) : CompatParseResult;

    /// <summary>A start-up error; exit 1.</summary>
    /// <param name="LogMessage">autossh's wording, logged at LOG_ERR (R86). With <paramref name="Environment"/>
    /// null (an error in an <c>AUTOSSH_*</c> variable) it goes to syslog only, without a pid (R29), and
    /// is empty when the level in effect is below LOG_ERR (R32).</param>
    /// <param name="Environment">Where to log it (R84, R85); null before the environment was read.</param>
    /// <param name="StderrLine">sshkeep's own line for stderr (a deliberate fix: autossh only logs these).</param>
    /// <param name="Notices">INFO lines autossh logs before reaching the error (lifetime clamps).</param>
    public sealed record Fatal(
        string LogMessage,
        string StderrLine,
        CompatEnvironment? Environment,
        IReadOnlyList<string> Notices) : CompatParseResult;

    /// <summary>Supervise ssh with <paramref name="Settings"/>, after logging its notices.</summary>
    public sealed record Run(CompatSettings Settings) : CompatParseResult;
}
