namespace SshKeep.Compat;

/// <summary>
/// The option letters the compatibility command line accepts, and which of them take a value.
/// </summary>
/// <remarks>
/// autossh 1.4g's getopt string (R6) predates several ssh options: it lists <c>-J</c> as a flag,
/// so <c>-J jump -N host</c> is permuted into <c>ssh -J -N jump host</c> (R21, R96.2), and it
/// rejects <c>-B</c>. Deliberate fix: we use OpenSSH 9's own set (ssh.c's getopt string) plus
/// autossh's <c>M</c>, so every ssh option keeps its value next to it.
/// </remarks>
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
