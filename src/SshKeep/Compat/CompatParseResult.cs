namespace SshKeep.Compat;

/// <summary>
/// What <see cref="CompatCommandLine.Parse"/> decided: print the version, print usage, fail at
/// start, or run. Exit statuses follow R90.
/// </summary>
internal abstract record CompatParseResult
{
    private CompatParseResult() { }

    /// <summary><c>-V</c> (R5): write <paramref name="Line"/> and a newline to stdout, exit 0.</summary>
    public sealed record ShowVersion(string Line) : CompatParseResult;

    /// <summary>
    /// Usage (R4): write <paramref name="GetoptDiagnostic"/> (glibc's one line, when getopt
    /// rejected an option) and then <paramref name="Text"/> to stderr, exit 1.
    /// <paramref name="Text"/> ends with a newline.
    /// </summary>
    public sealed record Usage(string? GetoptDiagnostic, string Text) : CompatParseResult;

    /// <summary>
    /// A start-up error; exit 1.
    /// </summary>
    /// <param name="LogMessage">autossh's own wording, logged at LOG_ERR (R86). When
    /// <paramref name="Log"/> is null this is an error in an <c>AUTOSSH_*</c> variable, which
    /// autossh sends to syslog only, without a pid, before any log file is opened (R29); it is
    /// then empty when autossh would log nothing at all because the log level in effect at that
    /// moment is below LOG_ERR (R32: <c>AUTOSSH_LOGLEVEL=abc</c>, <c>-1</c>, <c>0</c>..<c>2</c>).
    /// When <paramref name="Log"/> is set, the caller applies the level filter itself.</param>
    /// <param name="StderrLine">sshkeep's own line for stderr, always given (deliberate fix: autossh
    /// reports these only to syslog): names the variable or option, quotes the bad value and says
    /// what is accepted. One line, without the newline.</param>
    /// <param name="Log">Where to log <paramref name="LogMessage"/>: set once the environment was
    /// read successfully; null for an error in the environment itself.</param>
    /// <param name="Notices">INFO lines autossh logs before reaching the error (lifetime clamps).</param>
    public sealed record Fatal(
        string LogMessage,
        string StderrLine,
        CompatLogOptions? Log,
        IReadOnlyList<StartupNotice> Notices) : CompatParseResult;

    /// <summary>Everything checked: supervise ssh with <paramref name="Settings"/>, after logging
    /// <paramref name="Notices"/> in order.</summary>
    public sealed record Run(CompatSettings Settings, IReadOnlyList<StartupNotice> Notices) : CompatParseResult;
}
