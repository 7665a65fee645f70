namespace SshKeep.Ssh;

/// <summary>docs/security.md "ssh's environment in daemon mode"; compatibility mode passes all of it.</summary>
internal static class SshEnvironment
{
    public static IReadOnlyList<string> AllowedNames { get; } =
        ["HOME", "USER", "LOGNAME", "PATH", "SHELL", "LANG", "TZ", "SSH_AUTH_SOCK", "KRB5CCNAME", "TMPDIR", "XDG_RUNTIME_DIR"];

    public static bool IsAllowed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return AllowedNames.Contains(name, StringComparer.Ordinal) ||
               (name.Length > 3 && name.StartsWith("LC_", StringComparison.Ordinal)); // the locale categories
    }

    public static IReadOnlyDictionary<string, string> ForDaemon(IReadOnlyDictionary<string, string> inherited) =>
        new SortedDictionary<string, string>(inherited.Where(kv => IsAllowed(kv.Key)).ToDictionary(), StringComparer.Ordinal);

    /// <summary>For <see cref="SshStartInfo.ClearEnvironment"/>.</summary>
    public static IReadOnlyDictionary<string, string?> OverridesForDaemon(IReadOnlyDictionary<string, string> inherited) =>
        ForDaemon(inherited).ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
}
