using SshKeep.Config;

namespace SshKeep.Cli;

/// <summary>A mistyped command is refused instead of becoming an ssh to that host (docs/compatibility.md, "sshkeep WORD").</summary>
internal static class CommandWordCheck
{
    /// <summary>sshkeep's commands, in the order a tie between two suggestions is settled.</summary>
    public static IReadOnlyList<string> Commands { get; } =
        ["up", "status", "stop", "check", "doctor", "restart", "retry-now", "reload", "install-service", "uninstall-service", "demo", "help", "version"];

    private static readonly Dictionary<string, string> CommonWords = new (string Command, string[] Words)[]
    {
        ("help", ["usage"]),
        ("up", ["start", "run", "daemon"]),
        ("status", ["list", "ls", "ps", "show"]),
        ("check", ["validate", "verify", "lint"]),
        ("install-service", ["install"]),
        ("uninstall-service", ["uninstall"]),
        ("stop", ["kill", "halt", "shutdown"]),
    }.SelectMany(c => c.Words, (c, word) => (word, c.Command)).ToDictionary(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="firstWord"/> may be a host (<see cref="IsHostAlias"/> is asked last).</summary>
    public static string? SuggestionFor(string firstWord, Func<string, bool> isHostAlias)
    {
        ArgumentNullException.ThrowIfNull(firstWord);
        ArgumentNullException.ThrowIfNull(isHostAlias);
        if (firstWord.Length == 0 || firstWord[0] == '-' || firstWord.IndexOfAny(['.', '@', ':', '/', '[']) >= 0) return null;

        var suggestion = CommonWords.GetValueOrDefault(firstWord.ToLowerInvariant()) ?? KeySuggestion.Closest(firstWord, Commands);
        return suggestion is not null && !isHostAlias(firstWord) ? suggestion : null;
    }

    /// <summary>So that <c>sshkeep docker</c> still works: a literal ssh_config Host alias or an /etc/hosts name.</summary>
    public static bool IsHostAlias(string alias, string? home)
    {
        string[] files = home is { Length: > 0 } ? [Path.Combine(home, ".ssh", "config"), "/etc/ssh/ssh_config"] : ["/etc/ssh/ssh_config"];
        return files.Any(file => Read(file, ParseSshConfigHosts).Contains(alias, StringComparer.OrdinalIgnoreCase))
               || Read(HostsFile, ParseHosts).Contains(alias, StringComparer.OrdinalIgnoreCase);
    }

    private const string HostsFile = "/etc/hosts";

    internal static IEnumerable<string> ParseHosts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0];
            foreach (var name in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Skip(1)) yield return name;
        }
    }

    internal static IEnumerable<string> ParseSshConfigHosts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            // "Host a b" or "Host=a b" (ssh_config(5): keyword and arguments may be separated by '=').
            if (line.Length < 5 || !line.StartsWith("host", StringComparison.OrdinalIgnoreCase) || line[4] is not (' ' or '\t' or '=')) continue;
            foreach (var alias in line[5..].Split([' ', '\t', '='], StringSplitOptions.RemoveEmptyEntries))
            {
                if (alias.IndexOfAny(['*', '?', '!']) < 0) yield return alias.Trim('"');
            }
        }
    }

    private static IEnumerable<string> Read(string file, Func<string, IEnumerable<string>> parse)
    {
        try
        {
            return parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
