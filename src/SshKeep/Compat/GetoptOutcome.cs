namespace SshKeep.Compat;

/// <summary>What <see cref="GnuGetopt"/> made of the command line (R6, R7).</summary>
internal abstract record GetoptOutcome
{
    private GetoptOutcome() { }

    /// <summary>R5.</summary>
    public sealed record VersionRequested : GetoptOutcome;

    /// <summary>R4 a, b.</summary>
    public sealed record Rejected(string Diagnostic) : GetoptOutcome;

    /// <summary>The permuted argv: <paramref name="SshOptions"/> (R17, R20), "--" (R16a), operands.</summary>
    /// <param name="Options">In the order getopt returned them.</param>
    public sealed record Parsed(IReadOnlyList<string> SshOptions, IReadOnlyList<(char Letter, string? Value)> Options,
        IReadOnlyList<string> Operands) : GetoptOutcome;
}
