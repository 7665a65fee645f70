namespace SshKeep.Cli;

/// <summary>
/// The literal host aliases of the user's and the system's ssh_config (<c>Host db prod</c>), so
/// that <c>sshkeep db</c> keeps working when "db" is close to a command name (see
/// <see cref="CommandWordCheck"/>). Patterns with wildcards or negations name no particular host
/// and are left out; Include is not followed. Read only when a word is about to be refused.
/// </summary>
internal static class SshHostAliases
{
    public static bool Contains(string alias, string? home)
    {
        string[] files = home is { Length: > 0 } ? [Path.Combine(home, ".ssh", "config"), "/etc/ssh/ssh_config"] : ["/etc/ssh/ssh_config"];
        return files.Any(file => Read(file).Contains(alias, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The literal aliases of the Host lines of one ssh_config text.</summary>
    internal static IEnumerable<string> Parse(string text)
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

    private static IEnumerable<string> Read(string file)
    {
        try
        {
            return Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
