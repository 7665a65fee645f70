namespace SshKeep.Cli;

/// <summary>The names a bare word may be a host by, so that <c>sshkeep docker</c> keeps working
/// (<see cref="CommandWordCheck"/>): literal Host aliases of ssh_config (no patterns, no Include) and /etc/hosts.</summary>
internal static class SshHostAliases
{
    public static bool Contains(string alias, string? home)
    {
        string[] files = home is { Length: > 0 } ? [Path.Combine(home, ".ssh", "config"), "/etc/ssh/ssh_config"] : ["/etc/ssh/ssh_config"];
        return files.Any(file => Read(file, Parse).Contains(alias, StringComparer.OrdinalIgnoreCase))
               || Read(HostsFile, ParseHosts).Contains(alias, StringComparer.OrdinalIgnoreCase);
    }

    private const string HostsFile = "/etc/hosts";

    /// <summary>The names of an /etc/hosts text: every word after the address, up to a '#'.</summary>
    internal static IEnumerable<string> ParseHosts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0];
            foreach (var name in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Skip(1)) yield return name;
        }
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
