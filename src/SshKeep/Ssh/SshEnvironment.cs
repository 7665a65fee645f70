namespace SshKeep.Ssh;

/// <summary>
/// The environment daemon mode gives ssh: an allowlist, since the daemon's own environment carries what is
/// meant for systemd, a deploy tool or the runtime (docs/security.md "ssh's environment in daemon mode"
/// lists each variable and why). Compatibility mode passes the whole environment, as autossh does.
/// </summary>
internal static class SshEnvironment
{
    public static IReadOnlyList<string> AllowedNames { get; } =
        ["HOME", "USER", "LOGNAME", "PATH", "SHELL", "LANG", "TZ", "SSH_AUTH_SOCK", "KRB5CCNAME", "TMPDIR", "XDG_RUNTIME_DIR"];

    /// <summary>Every variable whose name starts with this is passed on (the locale categories).</summary>
    public const string LocalePrefix = "LC_";

    public static bool IsAllowed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return AllowedNames.Contains(name, StringComparer.Ordinal) ||
               (name.Length > LocalePrefix.Length && name.StartsWith(LocalePrefix, StringComparison.Ordinal));
    }

    /// <summary>The part of <paramref name="inherited"/> that daemon mode passes to ssh (pure).</summary>
    public static IReadOnlyDictionary<string, string> ForDaemon(IReadOnlyDictionary<string, string> inherited)
    {
        ArgumentNullException.ThrowIfNull(inherited);
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in inherited)
        {
            if (IsAllowed(name)) kept[name] = value;
        }
        return kept;
    }

    /// <summary><see cref="ForDaemon"/> in the shape of <see cref="SshStartInfo.EnvironmentOverrides"/>
    /// (use with <see cref="SshStartInfo.ClearEnvironment"/>).</summary>
    public static IReadOnlyDictionary<string, string?> OverridesForDaemon(IReadOnlyDictionary<string, string> inherited) =>
        ForDaemon(inherited).ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
}
