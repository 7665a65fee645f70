namespace SshKeep.Compat;

/// <summary>What <see cref="CompatCommandLine.Parse"/> decided; exit statuses: docs/autossh-rules.md R90.</summary>
internal abstract record CompatParseResult
{
    private CompatParseResult() { }

    /// <summary>R5.</summary>
    public sealed record ShowVersion(string Line) : CompatParseResult;

    /// <summary>R4; <paramref name="Text"/> ends with a newline.</summary>
    public sealed record Usage(string? GetoptDiagnostic, string Text) : CompatParseResult;

    /// <summary>A start-up error (R86); <paramref name="LogMessage"/> is empty below LOG_ERR (R32).</summary>
    /// <param name="Environment">Where to log (R84, R85); null before the environment was read (R29).</param>
    /// <param name="StderrLine">FIX R29: autossh only logs these.</param>
    /// <param name="Notices">INFO lines autossh logs before reaching the error (lifetime clamps).</param>
    public sealed record Fatal(string LogMessage, string StderrLine, CompatEnvironment? Environment,
        IReadOnlyList<string> Notices) : CompatParseResult;

    public sealed record Run(CompatSettings Settings) : CompatParseResult;
}
