namespace SshKeep.Compat;

/// <summary>What GNU getopt made of the command line (R6, R7); see <see cref="GnuGetopt"/>.</summary>
internal abstract record GetoptOutcome
{
    private GetoptOutcome() { }

    /// <summary>getopt reached <c>-V</c>; autossh prints its version at once (R5).</summary>
    public sealed record VersionRequested : GetoptOutcome;

    /// <summary>getopt returned '?': the one-line glibc diagnostic, then usage (R4 a, b).</summary>
    public sealed record Rejected(string Diagnostic) : GetoptOutcome;

    /// <summary>All options were read. The permuted argv is the option elements as ssh gets them
    /// (<paramref name="SshOptions"/>, with their separate values), then the <c>--</c> that stopped the scan if any
    /// (autossh's: not passed on, R16a), then <paramref name="Operands"/>.</summary>
    /// <param name="Options">Every option letter in the order getopt returned it, with its value.</param>
    public sealed record Parsed(
        IReadOnlyList<string> SshOptions,
        IReadOnlyList<(char Letter, string? Value)> Options,
        IReadOnlyList<string> Operands) : GetoptOutcome;
}
