using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SshKeep.Config;

/// <summary>
/// What <c>sshkeep help config [KEY]</c> prints: every key of the tunnels file, walked from
/// <see cref="ConfigKeys"/> so none is missing, each with a summary in the words of its entry in
/// sshkeep-tunnels(5) and the loader's own defaults (<see cref="HealthSettings"/>,
/// <see cref="BackoffSettings"/>, <see cref="HookSettings"/>, <see cref="SshKeepConfig"/>).
/// test/SshKeep.Tests/Packaging/ManPageTests.cs holds each summary to the man page's entry.
/// </summary>
internal static partial class ConfigKeyHelp
{
    /// <summary>Where a tunnel's keys are listed: under a placeholder for its name.</summary>
    public const string TunnelPrefix = "tunnels.NAME.";

    /// <summary>Every key, in the order of docs/config.md: the top level, then a tunnel's.</summary>
    public static IReadOnlyList<ConfigKeyEntry> Entries { get; } = Walk();

    /// <summary>The listing: one key a line, its path, then its summary in a column.</summary>
    public static string Listing()
    {
        var width = Entries.Max(e => e.Path.Length) + 2;
        var text = new StringBuilder();
        foreach (var entry in Entries) text.Append(entry.Path.PadRight(width)).Append(entry.Summary).Append('\n');
        text.Append('\n')
            .Append("NAME is a tunnel's name and N a forward's place in its list (tunnels.db.forwards[1].remote);\n")
            .Append("defaults takes a tunnel's keys but destination and forwards, for every tunnel.\n")
            .Append("sshkeep help config KEY explains one key; sshkeep-tunnels(5) explains them all.\n");
        return text.ToString();
    }

    /// <summary>What <c>help config KEY</c> prints for the entries <see cref="Find"/> returned.</summary>
    public static string Explain(IReadOnlyList<ConfigKeyEntry> entries)
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

    /// <summary>
    /// The entries <paramref name="key"/> names: a listed path; the same with a tunnel's name for
    /// NAME, a number for N, or <c>defaults.</c> for <c>tunnels.NAME.</c> (a path as
    /// <c>sshkeep check</c> prints it); or the end of paths (<c>probe_interval</c>,
    /// <c>health.probe_interval</c>, <c>port</c> names two). Empty when it names none.
    /// </summary>
    public static IReadOnlyList<ConfigKeyEntry> Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var given = Index().Replace(key, "[N]");
        if (given.StartsWith("defaults.", StringComparison.Ordinal))
            return [.. Entries.Where(e => e.DefaultsPath == given)];
        var exact = Entries.Where(e => e.Path == given || (e.Path.StartsWith(TunnelPrefix, StringComparison.Ordinal) && NamedTunnel(given, e))).ToList();
        return exact.Count > 0 ? exact : [.. Entries.Where(e => e.Path.EndsWith("." + given, StringComparison.Ordinal))];
    }

    /// <summary>The path <paramref name="key"/> was probably meant to be (the loader's "did you
    /// mean", <see cref="KeySuggestion"/>), or null.</summary>
    public static string? Suggestion(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var last = key[(key.LastIndexOf('.') + 1)..];
        var closest = KeySuggestion.Closest(last, Entries.Select(e => e.Key).Distinct());
        if (closest is null) return null;
        var paths = Entries.Where(e => e.Key == closest).Select(e => e.Path).ToList();
        return paths.Count == 1 ? paths[0] : closest;
    }

    /// <summary><c>tunnels.db.health.probe_interval</c> for <c>tunnels.NAME.health.probe_interval</c>:
    /// a name (which may hold dots) between <c>tunnels.</c> and the rest of the path.</summary>
    private static bool NamedTunnel(string given, ConfigKeyEntry entry)
    {
        var rest = "." + entry.Path[TunnelPrefix.Length..];
        return given.StartsWith("tunnels.", StringComparison.Ordinal) && given.EndsWith(rest, StringComparison.Ordinal) &&
               given.Length > "tunnels.".Length + rest.Length;
    }

    private static List<ConfigKeyEntry> Walk()
    {
        var health = new HealthSettings();
        var backoff = new BackoffSettings();
        var hooks = new HookSettings();
        var file = new SshKeepConfig { Path = "", Tunnels = [] };
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["version"] = "1, the default; the format's version",
            ["ready_when"] = $"{ConfigKeys.ReadyWhen[(int)file.ReadyWhen]} (the default) or {string.Join(" or ", ConfigKeys.ReadyWhen.Where((_, i) => i != (int)file.ReadyWhen))}",
            ["ready_timeout"] = $"Seconds, 0.5 to 3600; default {Number(file.ReadyTimeout.TotalSeconds)}",
            ["defaults"] = "A map of settings every tunnel inherits: any tunnel key except destination and forwards",
            ["tunnels"] = "Required: a map from tunnel name to tunnel, in file order, with at least one tunnel",
            ["http"] = "A map; without it no listener is started",
            ["http.listen"] = $"address:port, [ipv6]:port, localhost:port or a port alone (meaning 127.0.0.1); default {HttpListen.Default}",
            ["destination"] = "Required. [user@]host, or a Host alias of your ssh_config(5)",
            ["port"] = "1 to 65535, or null (the default): ssh's -p",
            ["identity_file"] = "A path, or null (the default): ssh's -i",
            ["ssh_path"] = $"The ssh program; default {TunnelConfig.DefaultSshPath}",
            ["ssh_options"] = "A map of ssh_config(5) keywords to values, passed as -o Keyword=Value",
            ["forwards"] = "Required: a list of at least one forward (see FORWARDS)",
            ["health"] = "A map: how the tunnel's health is watched",
            ["backoff"] = "A map: how fast a failing tunnel is retried",
            ["hooks"] = "A map: commands run when the tunnel comes up, goes down or needs attention",
            ["enabled"] = "true (the default) or false; yes and no are accepted too",
            ["health.server_alive_interval"] = $"Whole seconds, 1 to 3600; default {health.ServerAliveInterval}; ssh's ServerAliveInterval",
            ["health.server_alive_count_max"] = $"A whole number, 1 to 100; default {health.ServerAliveCountMax}; ssh's ServerAliveCountMax",
            ["health.connect_timeout"] = $"Whole seconds, 1 to 600; default {health.ConnectTimeout}; ssh's ConnectTimeout",
            ["health.probe_interval"] = $"Seconds, 0.5 to 3600, or 0; default {Number(health.ProbeInterval)}; 0 turns probes off",
            ["health.probe_timeout"] = $"Seconds, 0.1 to 600; default {Number(health.ProbeTimeout)}; shorter than probe_interval",
            ["health.probe_failures"] = $"A whole number, 1 to 100; default {health.ProbeFailures}; failing rounds in a row before ssh is restarted",
            ["backoff.initial"] = $"Seconds, 0.1 to 3600; default {Number(backoff.Initial)}; the first wait after a failure",
            ["backoff.max"] = $"Seconds, 1 to 86400; default {Number(backoff.Max)}; the longest wait",
            ["backoff.stable_period"] = $"Seconds, 1 to 86400; default {Number(backoff.StablePeriod)}; how long a tunnel must be healthy before the back-off resets",
            ["backoff.needs_attention_retry"] = $"Seconds, 10 to 86400; default {Number(backoff.NeedsAttentionRetry)}; the retry interval after a permanent failure",
            ["backoff.remote_port_retry"] = $"Seconds, 0.5 to 3600; default {Number(backoff.RemotePortRetry)}; the retry interval while the server still holds a remote port",
            ["hooks.on_up"] = "A hook, or null: runs when the tunnel enters up",
            ["hooks.on_down"] = "A hook, or null: runs when the tunnel leaves up",
            ["hooks.on_needs_attention"] = "A hook, or null: runs when the tunnel enters needs-attention",
            ["hooks.timeout"] = $"Seconds, 0.5 to 3600; default {Number(hooks.Timeout)}",
            ["hooks.shell"] = "The one key of a hook written as a map",
            ["forwards.local"] = "\"[bind:]port:host:hostport\"; ssh's -L: listens on this machine",
            ["forwards.remote"] = "\"[bind:]port:host:hostport\"; ssh's -R: listens on the server",
            ["forwards.dynamic"] = "\"[bind:]port\"; ssh's -D: a SOCKS proxy on this machine",
            ["forwards.type"] = $"Required: {ConfigKeys.ForwardTypes[0]}, {ConfigKeys.ForwardTypes[1]} or {ConfigKeys.ForwardTypes[2]}",
            ["forwards.bind"] = "The listen address; default as in the short form",
            ["forwards.port"] = "Required: the listen port, 1 to 65535",
            ["forwards.to"] = "The target, host:port (IPv6 in brackets); required for local and remote, refused for dynamic",
            ["forwards.probe"] = "What the forward's probe exchanges",
            ["probe.send"] = "Text of at most 1024 characters (CR, LF and TAB allowed), sent once the connection is open",
            ["probe.expect"] = "One line of at most 1024 characters: the reply must start with it",
            ["probe.http"] = "A path starting with /: sends GET path HTTP/1.0 and passes on any status below 500; not with send or expect",
        };

        var entries = new List<ConfigKeyEntry>();
        void Add(string path, string summaryKey, string heading, bool inDefaults = false) =>
            entries.Add(new ConfigKeyEntry(path, heading, summaries.TryGetValue(summaryKey, out var summary)
                ? summary : throw new InvalidOperationException($"{summaryKey} has no summary"), inDefaults));

        foreach (var key in ConfigKeys.Top)
        {
            Add(key, key, "TOP-LEVEL KEYS");
            if (key == "http")
                foreach (var sub in ConfigKeys.Http) Add($"http.{sub}", $"http.{sub}", "TOP-LEVEL KEYS");
        }

        foreach (var key in ConfigKeys.Tunnel)
        {
            var inDefaults = ConfigKeys.Defaults.Contains(key);
            var path = TunnelPrefix + key;
            Add(path, key, "TUNNEL KEYS", inDefaults);
            switch (key)
            {
                case "forwards":
                    foreach (var sub in ConfigKeys.ForwardShort.Concat(ConfigKeys.ForwardLong).Distinct())
                    {
                        Add($"{path}[N].{sub}", $"forwards.{sub}", "FORWARDS");
                        if (sub == "probe")
                            foreach (var probe in ConfigKeys.Probe) Add($"{path}[N].probe.{probe}", $"probe.{probe}", "FORWARDS");
                    }
                    break;
                case "health":
                    foreach (var sub in ConfigKeys.Health) Add($"{path}.{sub}", $"health.{sub}", "HEALTH", inDefaults);
                    break;
                case "backoff":
                    foreach (var sub in ConfigKeys.Backoff) Add($"{path}.{sub}", $"backoff.{sub}", "BACKOFF", inDefaults);
                    break;
                case "hooks":
                    foreach (var sub in ConfigKeys.Hooks)
                    {
                        Add($"{path}.{sub}", $"hooks.{sub}", "HOOKS", inDefaults);
                        if (sub.StartsWith("on_", StringComparison.Ordinal))
                            foreach (var shell in ConfigKeys.HookShell) Add($"{path}.{sub}.{shell}", $"hooks.{shell}", "HOOKS", inDefaults);
                    }
                    break;
            }
        }

        return entries;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
