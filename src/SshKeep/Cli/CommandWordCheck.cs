using SshKeep.Config;

namespace SshKeep.Cli;

/// <summary>
/// Called as <c>sshkeep</c>, a first word that is not one of sshkeep's commands starts an autossh
/// command line, so <c>sshkeep stauts</c> would run ssh to a host named "stauts". This decides
/// which first words are refused as mistyped commands instead (the rule, with its escape
/// <c>sshkeep -- WORD</c>, is in docs/compatibility.md, "sshkeep WORD"). Called as <c>autossh</c>
/// nothing is refused: autossh's rules stay unchanged.
/// </summary>
internal static class CommandWordCheck
{
    /// <summary>sshkeep's commands, in the order a tie between two suggestions is settled.</summary>
    public static IReadOnlyList<string> Commands { get; } =
        ["up", "status", "stop", "check", "doctor", "restart", "retry-now", "reload", "install-service", "uninstall-service", "demo", "help", "version"];

    /// <summary>Words that are no command of ours but are what people type for one.</summary>
    private static readonly Dictionary<string, string> CommonWords = new(StringComparer.Ordinal)
    {
        ["usage"] = "help",
        ["start"] = "up",
        ["run"] = "up",
        ["daemon"] = "up",
        ["list"] = "status",
        ["ls"] = "status",
        ["ps"] = "status",
        ["show"] = "status",
        ["validate"] = "check",
        ["verify"] = "check",
        ["lint"] = "check",
        ["install"] = "install-service",
        ["uninstall"] = "uninstall-service",
        ["kill"] = "stop",
        ["halt"] = "stop",
        ["shutdown"] = "stop",
    };

    /// <summary>
    /// The command <paramref name="firstWord"/> was probably meant to be, or null when it may be a
    /// host and goes to compatibility mode as before. A word is refused only when it cannot be a
    /// host name of the usual shapes (no '.', '@', ':', '/', '[', no leading '-'), is not a Host
    /// alias of the user's ssh_config (<paramref name="isHostAlias"/>, asked only then), and is
    /// either a common word for a command or close to one as the config loader's "did you mean"
    /// measures it (<see cref="KeySuggestion.Closest"/>: case, '-' and '_' ignored; 1 edit for up
    /// to 4 letters, 2 up to 8, else 3; a swap of neighbours is one edit), so "db" or "pi" stay
    /// hosts and "stauts" does not.
    /// </summary>
    public static string? SuggestionFor(string firstWord, Func<string, bool> isHostAlias)
    {
        ArgumentNullException.ThrowIfNull(firstWord);
        ArgumentNullException.ThrowIfNull(isHostAlias);
        if (firstWord.Length == 0 || firstWord[0] == '-' || firstWord.IndexOfAny(['.', '@', ':', '/', '[']) >= 0) return null;

        var suggestion = CommonWords.GetValueOrDefault(firstWord.ToLowerInvariant()) ?? KeySuggestion.Closest(firstWord, Commands);
        return suggestion is not null && !isHostAlias(firstWord) ? suggestion : null;
    }
}
