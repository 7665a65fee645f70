using static SshKeep.Config.ConfigKeyReads;

namespace SshKeep.Config;

/// <summary>Every key the tunnels file accepts, in docs/config.md's order: read by the loader, <c>help config</c> and the
/// "did you mean" of an unknown key.</summary>
internal static class ConfigKeys
{
    public const string Tunnel = "tunnels.NAME";

    public const string Forward = Tunnel + ".forwards[N]";

    /// <summary>The most servers one tunnel lists: enough for any failover, few enough to walk.</summary>
    public const int MaxDestinations = 8;

    public static readonly IReadOnlyList<string> ReadyWhen = [.. Enum.GetValues<SshKeep.Config.ReadyWhen>().Select(KebabName.Of)];

    public static readonly IReadOnlyList<string> ForwardTypes = [.. Enum.GetValues<ForwardKind>().Select(KebabName.Of)];

    private static readonly SshKeepConfig BuiltInFile = new() { Path = "", Tunnels = [] };
    private static readonly TunnelConfig BuiltInTunnel = new() { Name = "", Destinations = [] };

    // Bounds: wide enough for any real use, narrow enough to catch a unit mistake (ms for s) or a
    // setting that would make sshkeep hammer a server or never notice a failure.
    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        Top("version", "1, the default; the format's version", OnlyVersion),
        Top("ready_when", "{default} (the default) or first-attempt", OneOf(ReadyWhen))
            .InFile(c => KebabName.Of(c.ReadyWhen), (c, word) => c with { ReadyWhen = KebabName.TryParse(word, out SshKeep.Config.ReadyWhen when) ? when : default }),
        Top("ready_timeout", "Seconds, 0.5 to 3600; default {default}", Seconds(0.5, 3600))
            .InFile(c => c.ReadyTimeout.TotalSeconds, (c, seconds) => c with { ReadyTimeout = TimeSpan.FromSeconds(seconds) }),
        Top("defaults", "A map of settings every tunnel inherits: any tunnel key except destination and forwards", Entry),
        Top("tunnels", "Required: a map from tunnel name to tunnel, in file order, with at least one tunnel", Entry),
        Top("http", "A map; without it no listener is started", mapOf: "a map with `listen:` (ADDRESS:PORT)")
            .InFile(c => c.Http, (c, _) => c with { Http = HttpListen.Default }),
        Top("http.listen", "address:port, [ipv6]:port, localhost:port or a port alone (meaning 127.0.0.1); default {default}", Listen)
            .InFile(c => c.Http ?? HttpListen.Default, (c, listen) => c with { Http = listen }),

        Key("destination", $"Required. [user@]host, or a Host alias of your ssh_config(5); or a list of 1 to {MaxDestinations}, tried in order",
                Destination, inDefaults: false)
            .Into<List<string>>((t, destinations) => t with { Destinations = destinations }),
        Key("port", "1 to 65535, or null (the default): ssh's -p", OrNull(Whole(1, ForwardParser.MaxPort)))
            .InTunnel(t => t.Port, (t, port) => t with { Port = port }),
        Key("identity_file", "A path, or null (the default): ssh's -i", OrNull(IdentityFile))
            .InTunnel(t => t.IdentityFile, (t, file) => t with { IdentityFile = file }),
        Key("ssh_path", "The ssh program; default {default}", SshPath)
            .InTunnel(t => t.SshPath, (t, program) => t with { SshPath = program }),
        Key("ssh_options", "A map of ssh_config(5) keywords to values, passed as -o Keyword=Value", SshOptionsReader.Read)
            .Into<List<SshOptionDraft>>((t, options) => t with { SshOptions = [.. options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value!))] })
            with { Merge = SshOptionsReader.Merge },
        Key("forwards", "Required: a list of at least one forward (see FORWARDS)", ForwardListReader.Read, inDefaults: false)
            .Into<List<Located<ForwardSpec>>>((t, forwards) => t with { Forwards = [.. forwards.Select(f => f.Value)] }),
        ForwardKey("local", "\"[bind:]port:host:hostport\"; ssh's -L: listens on this machine"),
        ForwardKey("remote", "\"[bind:]port:host:hostport\"; ssh's -R: listens on the server"),
        ForwardKey("dynamic", "\"[bind:]port\"; ssh's -D: a SOCKS proxy on this machine"),
        ForwardKey("type", $"Required: {ForwardTypes[0]}, {ForwardTypes[1]} or {ForwardTypes[2]}", OneOf(ForwardTypes)),
        ForwardKey("bind", "The listen address; default as in the short form", ForwardListReader.Bind),
        ForwardKey("port", "Required: the listen port, 1 to 65535", ForwardListReader.Port),
        ForwardKey("to", "The target, host:port (IPv6 in brackets); required for local and remote, refused for dynamic", ForwardListReader.Target),
        ForwardKey("probe", "What the forward's probe exchanges", ProbeExchangeReader.Read),
        ForwardKey("hold", "Seconds, 0.1 to 3600, or 0; default 30; how long a client of a local or dynamic port waits for a session (sshkeep holds the port); 0: ssh listens itself", ForwardListReader.Hold),
        ForwardKey("probe.send", $"Text of at most {ProbeExchangeReader.MaxLength} characters (CR, LF and TAB allowed), sent once the connection is open", ProbeExchangeReader.Send),
        ForwardKey("probe.expect", $"One line of at most {ProbeExchangeReader.MaxLength} characters: the reply must start with it", ProbeExchangeReader.Expect),
        ForwardKey("probe.http", "A path starting with /: sends GET path HTTP/1.0 and passes on any status below 500; not with send or expect", ProbeExchangeReader.Http),

        Key("health", "A map: how the tunnel's health is watched", mapOf: "a map of health settings"),
        Key("health.server_alive_interval", "Whole seconds, 1 to 3600; default {default}; ssh's ServerAliveInterval", Whole(1, 3600))
            .InTunnel(t => t.Health.ServerAliveInterval, (t, v) => t with { Health = t.Health with { ServerAliveInterval = v } })
            with { SshKeyword = "ServerAliveInterval" },
        Key("health.server_alive_count_max", "A whole number, 1 to 100; default {default}; ssh's ServerAliveCountMax", Whole(1, 100))
            .InTunnel(t => t.Health.ServerAliveCountMax, (t, v) => t with { Health = t.Health with { ServerAliveCountMax = v } })
            with { SshKeyword = "ServerAliveCountMax" },
        Key("health.connect_timeout", "Whole seconds, 1 to 600; default {default}; ssh's ConnectTimeout", Whole(1, 600))
            .InTunnel(t => t.Health.ConnectTimeout, (t, v) => t with { Health = t.Health with { ConnectTimeout = v } })
            with { SshKeyword = "ConnectTimeout" },
        Key("health.probe_interval", "Seconds, 0.5 to 3600, or 0; default {default}; 0 turns probes off", Seconds(0.5, 3600, "turn probes off"))
            .InTunnel(t => t.Health.ProbeInterval, (t, v) => t with { Health = t.Health with { ProbeInterval = v } }),
        Key("health.probe_timeout", "Seconds, 0.1 to 600; default {default}; shorter than probe_interval", Seconds(0.1, 600))
            .InTunnel(t => t.Health.ProbeTimeout, (t, v) => t with { Health = t.Health with { ProbeTimeout = v } }),
        Key("health.probe_failures", "A whole number, 1 to 100; default {default}; failing rounds in a row before ssh is restarted", Whole(1, 100))
            .InTunnel(t => t.Health.ProbeFailures, (t, v) => t with { Health = t.Health with { ProbeFailures = v } }),

        Key("backoff", "A map: how fast a failing tunnel is retried", mapOf: "a map of back-off settings"),
        Key("backoff.initial", "Seconds, 0.1 to 3600; default {default}; the first wait after a failure", Seconds(0.1, 3600))
            .InTunnel(t => t.Backoff.Initial, (t, v) => t with { Backoff = t.Backoff with { Initial = v } }),
        Key("backoff.max", "Seconds, 1 to 86400; default {default}; the longest wait", Seconds(1, 86400))
            .InTunnel(t => t.Backoff.Max, (t, v) => t with { Backoff = t.Backoff with { Max = v } }),
        Key("backoff.stable_period", "Seconds, 1 to 86400; default {default}; how long a tunnel must be healthy before the back-off resets", Seconds(1, 86400))
            .InTunnel(t => t.Backoff.StablePeriod, (t, v) => t with { Backoff = t.Backoff with { StablePeriod = v } }),
        // At least 10 s: a refused key retried faster looks like an attack to fail2ban.
        Key("backoff.needs_attention_retry", "Seconds, 10 to 86400; default {default}; the retry interval after a permanent failure", Seconds(10, 86400))
            .InTunnel(t => t.Backoff.NeedsAttentionRetry, (t, v) => t with { Backoff = t.Backoff with { NeedsAttentionRetry = v } }),
        Key("backoff.remote_port_retry", "Seconds, 0.5 to 3600; default {default}; the retry interval while the server still holds a remote port", Seconds(0.5, 3600))
            .InTunnel(t => t.Backoff.RemotePortRetry, (t, v) => t with { Backoff = t.Backoff with { RemotePortRetry = v } }),

        Key("hooks", "A map: commands run when the tunnel comes up, goes down or needs attention",
            mapOf: "a map of hooks (on_up, on_down, on_needs_attention, timeout)"),
        Key("hooks.on_up", "A hook, or null: runs when the tunnel enters up", HooksReader.Read)
            .InTunnel(t => t.Hooks.OnUp, (t, hook) => t with { Hooks = t.Hooks with { OnUp = hook } }),
        Key("hooks.on_up.shell", "The one key of a hook written as a map", ShellCommand),
        Key("hooks.on_down", "A hook, or null: runs when the tunnel leaves up", HooksReader.Read)
            .InTunnel(t => t.Hooks.OnDown, (t, hook) => t with { Hooks = t.Hooks with { OnDown = hook } }),
        Key("hooks.on_down.shell", "The one key of a hook written as a map", ShellCommand),
        Key("hooks.on_needs_attention", "A hook, or null: runs when the tunnel enters needs-attention", HooksReader.Read)
            .InTunnel(t => t.Hooks.OnNeedsAttention, (t, hook) => t with { Hooks = t.Hooks with { OnNeedsAttention = hook } }),
        Key("hooks.on_needs_attention.shell", "The one key of a hook written as a map", ShellCommand),
        Key("hooks.timeout", "Seconds, 0.5 to 3600; default {default}", Seconds(0.5, 3600))
            .InTunnel(t => t.Hooks.Timeout, (t, v) => t with { Hooks = t.Hooks with { Timeout = v } }),

        Key("enabled", "{default} (the default) or false; yes and no are accepted too", TrueOrFalse)
            .InTunnel(t => t.Enabled, (t, enabled) => t with { Enabled = enabled }),
        Key("standby", "{default} (the default) or true; a second ssh session kept ready for the held ports' new clients", TrueOrFalse)
            .InTunnel(t => t.Standby, (t, standby) => t with { Standby = standby }),
    ];

    public static ConfigKey Get(string path) => All.First(k => k.Path == path);

    public static IEnumerable<ConfigKey> Under(string parent) => All.Where(k => k.Parent == parent);

    private static ConfigKey Top(string path, string summary, ConfigKeyRead? read = null, string? mapOf = null) =>
        new(path, "TOP-LEVEL KEYS", summary) { Read = read, MapOf = mapOf };

    /// <summary>Its heading is its map's.</summary>
    private static ConfigKey Key(string path, string summary, ConfigKeyRead? read = null, string? mapOf = null, bool inDefaults = true) =>
        new($"{Tunnel}.{path}", path.Contains('.') ? path[..path.IndexOf('.')].ToUpperInvariant() : "TUNNEL KEYS", summary)
        {
            Read = read, MapOf = mapOf, InDefaults = inDefaults,
        };

    /// <summary>A forward's key: those without a reader name the kind in the short form, read by <see cref="ForwardListReader"/>.</summary>
    private static ConfigKey ForwardKey(string path, string summary, ConfigKeyRead? read = null) => new($"{Forward}.{path}", "FORWARDS", summary) { Read = read };

    private static ConfigKey InFile<T>(this ConfigKey key, Func<SshKeepConfig, T> get, Func<SshKeepConfig, T, SshKeepConfig> set) => key.Goes(BuiltInFile, get, set);

    private static ConfigKey InTunnel<T>(this ConfigKey key, Func<TunnelConfig, T> get, Func<TunnelConfig, T, TunnelConfig> set) => key.Goes(BuiltInTunnel, get, set);

    /// <summary>When the value read is not what the record holds, or there is no built-in value.</summary>
    private static ConfigKey Into<T>(this ConfigKey key, Func<TunnelConfig, T, TunnelConfig> set) =>
        key with { Set = (record, value) => set((TunnelConfig)record, (T)value!) };

    /// <summary>The built-in default is also the summary's <c>{default}</c>.</summary>
    private static ConfigKey Goes<TRecord, T>(this ConfigKey key, TRecord builtIn, Func<TRecord, T> get, Func<TRecord, T, TRecord> set)
        where TRecord : notnull
    {
        var value = get(builtIn);
        var text = value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture);
        return key with
        {
            Default = value,
            Summary = key.Summary.Replace("{default}", text, StringComparison.Ordinal),
            Set = (record, v) => set((TRecord)record, (T)v!),
        };
    }
}
