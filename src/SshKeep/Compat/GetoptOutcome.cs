namespace SshKeep.Compat;

/// <summary>What GNU getopt made of the command line (R6, R7); see <see cref="GnuGetopt"/>.</summary>
internal abstract record GetoptOutcome
{
    private GetoptOutcome() { }

    /// <summary>getopt reached <c>-V</c>; autossh prints its version at once (R5).</summary>
    public sealed record VersionRequested : GetoptOutcome;

    /// <summary>getopt returned '?': the one-line glibc diagnostic, then usage (R4 a, b).</summary>
    public sealed record Rejected(string Diagnostic) : GetoptOutcome;

    /// <summary>All options were read. The permuted argv is <paramref name="Clusters"/> (with their separate
    /// values), then the <c>--</c> that stopped the scan if any (autossh's: not passed on, R16a), then
    /// <paramref name="Operands"/>.</summary>
    /// <param name="Options">Every option letter in the order getopt returned it, with its value.</param>
    public sealed record Parsed(
        IReadOnlyList<Cluster> Clusters,
        IReadOnlyList<(char Letter, string? Value)> Options,
        IReadOnlyList<string> Operands) : GetoptOutcome;

    /// <summary>One argv element read as options (<c>-NfL8080:h:80</c>), with the separate element it
    /// took as the value of its last letter, if any (<c>-p</c> <c>22</c>).</summary>
    public sealed record Cluster(string Text, string? SeparateValue);
}
