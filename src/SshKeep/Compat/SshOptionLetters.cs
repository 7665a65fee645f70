namespace SshKeep.Compat;

/// <summary>
/// The option letters the compatibility command line accepts: OpenSSH 9's own set plus autossh's
/// <c>M</c>, instead of autossh's older getopt string (R6, R21; docs/compatibility.md row 1).
/// </summary>
internal static class SshOptionLetters
{
    /// <summary>ssh's value-taking options, plus autossh's own <c>M</c>.</summary>
    public const string ValueTaking = "bceilmopwBDEFIJLOPQRSWM";

    /// <summary>ssh's flags, plus autossh's own <c>V</c> (and <c>f</c>, which autossh takes for itself).</summary>
    public const string Flags = "1246aACfgGkKnNqstTvVxXyY";

    public static bool TakesValue(char letter) => ValueTaking.Contains(letter, StringComparison.Ordinal);

    public static bool IsKnown(char letter) =>
        TakesValue(letter) || Flags.Contains(letter, StringComparison.Ordinal);
}
