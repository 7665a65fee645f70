namespace SshKeep.Cli;

/// <summary>
/// Called as <c>sshkeep</c>, a first word that is not one of sshkeep's commands starts an autossh
/// command line, so <c>sshkeep stauts</c> would run ssh to a host named "stauts". This decides
/// which first words are refused as mistyped commands instead (the rule, with its escape
/// <c>sshkeep -- WORD</c>, is in docs/compatibility.md, "sshkeep WORD"). Called as <c>autossh</c>
/// nothing is refused: autossh's rules stay unchanged.
/// </summary>
public static class CommandWordCheck
{
    /// <summary>sshkeep's commands, in the order a tie between two suggestions is settled.</summary>
    public static IReadOnlyList<string> Commands { get; } =
        ["up", "status", "stop", "check", "doctor", "restart", "retry-now", "reload", "install-service", "demo", "help", "version"];

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
        ["uninstall"] = "install-service",
        ["kill"] = "stop",
        ["halt"] = "stop",
        ["shutdown"] = "stop",
    };

    /// <summary>
    /// The command <paramref name="firstWord"/> was probably meant to be, or null when it may be a
    /// host and goes to compatibility mode as before. A word is refused only when it cannot be a
    /// host name of the usual shapes (no '.', '@', ':', '/', '[', no leading '-'), is not a Host
    /// alias of the user's ssh_config (<paramref name="isHostAlias"/>, asked only then), and is
    /// either a common word for a command or within a small edit distance of one: 1 for words of
    /// up to 4 letters, 2 for longer ones (so "db" or "pi" stay hosts, "stauts" does not).
    /// </summary>
    public static string? SuggestionFor(string firstWord, Func<string, bool> isHostAlias)
    {
        ArgumentNullException.ThrowIfNull(firstWord);
        ArgumentNullException.ThrowIfNull(isHostAlias);
        if (firstWord.Length == 0 || firstWord[0] == '-' || firstWord.IndexOfAny(['.', '@', ':', '/', '[']) >= 0) return null;

        var word = firstWord.ToLowerInvariant();
        string? suggestion = CommonWords.GetValueOrDefault(word);
        if (suggestion is null)
        {
            int allowed = word.Length <= 4 ? 1 : 2, best = int.MaxValue;
            foreach (var command in Commands)
            {
                int distance = EditDistance(word, command);
                if (distance <= allowed && distance < best) (best, suggestion) = (distance, command);
            }
        }
        return suggestion is not null && !isHostAlias(firstWord) ? suggestion : null;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute; a swap counts as two, so "pi" is
    /// not one step from "up").</summary>
    internal static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
