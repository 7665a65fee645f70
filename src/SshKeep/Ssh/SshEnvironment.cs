namespace SshKeep.Ssh;

/// <summary>
/// The environment daemon mode gives ssh (ssh runs with a minimal, documented
/// environment): only the variables below are passed on, everything else sshkeep inherited is
/// left out. docs/security.md lists them with the reasons.
/// </summary>
/// <remarks>
/// <para>Why an allowlist: the daemon is often started by systemd, a login shell or a deploy tool,
/// whose environment carries things meant for them (NOTIFY_SOCKET and the rest of systemd's
/// variables, LD_PRELOAD, DOTNET_*, cloud credentials, tokens). ssh, and whatever it runs
/// (ProxyCommand, KnownHostsCommand, LocalCommand — commands a config author chose), should see
/// none of it. Each kept variable is there because ssh or the programs it runs need it:</para>
/// <list type="bullet">
/// <item><c>HOME</c>, <c>USER</c>, <c>LOGNAME</c>: who and where the user is, for ProxyCommand
/// scripts and helpers (ssh itself takes the home directory from the password database).</item>
/// <item><c>PATH</c>: ProxyCommand and the like name programs without a path.</item>
/// <item><c>SHELL</c>: ssh runs ProxyCommand and LocalCommand with <c>$SHELL -c</c>.</item>
/// <item><c>LANG</c>, <c>LC_*</c>, <c>TZ</c>: the language and time zone of messages, so ssh and
/// helpers print text the user can read (and ssh decides whether UTF-8 is safe to show).</item>
/// <item><c>SSH_AUTH_SOCK</c>: the agent holding the user's keys.</item>
/// <item><c>KRB5CCNAME</c>: the Kerberos ticket cache, for GSSAPI authentication.</item>
/// <item><c>TMPDIR</c>: where helpers put temporary files.</item>
/// <item><c>XDG_RUNTIME_DIR</c>: agent sockets live under it, and ssh_config may name them with
/// <c>${XDG_RUNTIME_DIR}</c> (IdentityAgent, ControlPath).</item>
/// </list>
/// <para>Left out on purpose: <c>SSH_ASKPASS</c>, <c>SSH_ASKPASS_REQUIRE</c>, <c>DISPLAY</c> and
/// <c>WAYLAND_DISPLAY</c> (ssh runs with BatchMode=yes and must never prompt), and with everything
/// else the systemd variables of <c>SystemdEnvironment.ChildVariablesToRemove</c>.</para>
/// <para>Compatibility mode does not use this: autossh passes its whole environment to ssh, and
/// so does sshkeep there (a script may rely on any variable reaching its ssh).</para>
/// </remarks>
internal static class SshEnvironment
{
    /// <summary>The variables passed on by name.</summary>
    public static IReadOnlyList<string> AllowedNames { get; } =
        ["HOME", "USER", "LOGNAME", "PATH", "SHELL", "LANG", "TZ", "SSH_AUTH_SOCK", "KRB5CCNAME", "TMPDIR", "XDG_RUNTIME_DIR"];

    /// <summary>Every variable whose name starts with this is passed on (the locale categories).</summary>
    public const string LocalePrefix = "LC_";

    /// <summary>True when daemon mode passes <paramref name="name"/> to ssh.</summary>
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
