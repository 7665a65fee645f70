namespace SshKeep.Config;

/// <summary>What <c>sshkeep help config [KEY]</c> prints: summaries in the words of sshkeep-tunnels(5) (ManPageTests holds
/// them to it).</summary>
internal static partial class ConfigKeyHelp
{
    public const string TunnelPrefix = ConfigKeys.Tunnel + ".";

    public static string Listing()
    {
        var width = ConfigKeys.All.Max(e => e.Path.Length) + 2;
        var text = new StringBuilder();
        foreach (var entry in ConfigKeys.All) text.Append(entry.Path.PadRight(width)).Append(entry.Summary).Append('\n');
        text.Append('\n')
            .Append("NAME is a tunnel's name and N a forward's place in its list (tunnels.db.forwards[1].remote);\n")
            .Append("defaults takes a tunnel's keys but destination and forwards, for every tunnel.\n")
            .Append("sshkeep help config KEY explains one key; sshkeep-tunnels(5) explains them all.\n");
        return text.ToString();
    }

    public static string Explain(IReadOnlyList<ConfigKey> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(entry.Path).Append('\n').Append("  ").Append(entry.Summary).Append('\n');
            if (entry.DefaultsPath is { } defaults) text.Append("  ").Append(defaults).Append(": the same, for every tunnel that does not set it\n");
            text.Append("  see sshkeep-tunnels(5), ").Append(entry.Heading).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A listed path, the same as <c>sshkeep check</c> prints it (a tunnel's name, a number, <c>defaults.</c>), or
    /// the end of paths (<c>port</c> names two).</summary>
    public static IReadOnlyList<ConfigKey> Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var given = Index().Replace(key, "[N]");
        if (given.StartsWith("defaults.", StringComparison.Ordinal))
            return [.. ConfigKeys.All.Where(e => e.DefaultsPath == given)];
        var exact = ConfigKeys.All.Where(e => e.Path == given || (e.Path.StartsWith(TunnelPrefix, StringComparison.Ordinal) && NamedTunnel(given, e))).ToList();
        return exact.Count > 0 ? exact : [.. ConfigKeys.All.Where(e => e.Path.EndsWith("." + given, StringComparison.Ordinal))];
    }

    public static string? Suggestion(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var last = key[(key.LastIndexOf('.') + 1)..];
        var closest = KeySuggestion.Closest(last, ConfigKeys.All.Select(e => e.Key).Distinct());
        if (closest is null) return null;
        var paths = ConfigKeys.All.Where(e => e.Key == closest).Select(e => e.Path).ToList();
        return paths.Count == 1 ? paths[0] : closest;
    }

    /// <summary><c>tunnels.db.port</c> for <c>tunnels.NAME.port</c>; a name may hold dots.</summary>
    private static bool NamedTunnel(string given, ConfigKey entry)
    {
        var rest = "." + entry.Path[TunnelPrefix.Length..];
        return given.StartsWith("tunnels.", StringComparison.Ordinal) && given.EndsWith(rest, StringComparison.Ordinal) &&
               given.Length > "tunnels.".Length + rest.Length;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
