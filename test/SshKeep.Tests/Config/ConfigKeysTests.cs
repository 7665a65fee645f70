using System.Globalization;
using SshKeep.Config;
using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>The key table the loader, <c>help config</c> and the unknown-key messages share
/// (<see cref="ConfigKeys.All"/>): one row per key that <c>defaults</c> may set, each value taken
/// from the built-in default, then <c>defaults:</c>, then the tunnel's own key.</summary>
public sealed class ConfigKeysTests
{
    /// <summary>Where each key's value is in the loaded tunnel, said here apart from the table.</summary>
    private static readonly Dictionary<string, Func<TunnelConfig, object?>> Place = new()
    {
        ["port"] = t => t.Port,
        ["identity_file"] = t => t.IdentityFile,
        ["ssh_path"] = t => t.SshPath,
        ["enabled"] = t => t.Enabled,
        ["standby"] = t => t.Standby,
        ["health.server_alive_interval"] = t => t.Health.ServerAliveInterval,
        ["health.server_alive_count_max"] = t => t.Health.ServerAliveCountMax,
        ["health.connect_timeout"] = t => t.Health.ConnectTimeout,
        ["health.probe_interval"] = t => t.Health.ProbeInterval,
        ["health.probe_timeout"] = t => t.Health.ProbeTimeout,
        ["health.probe_failures"] = t => t.Health.ProbeFailures,
        ["backoff.initial"] = t => t.Backoff.Initial,
        ["backoff.max"] = t => t.Backoff.Max,
        ["backoff.stable_period"] = t => t.Backoff.StablePeriod,
        ["backoff.needs_attention_retry"] = t => t.Backoff.NeedsAttentionRetry,
        ["backoff.remote_port_retry"] = t => t.Backoff.RemotePortRetry,
        ["hooks.timeout"] = t => t.Hooks.Timeout,
    };

    [Theory]
    [InlineData("port", "2222", 2222)]
    [InlineData("identity_file", "~/.ssh/db", "/home/u/.ssh/db")]
    [InlineData("ssh_path", "/opt/ssh/bin/ssh", "/opt/ssh/bin/ssh")]
    [InlineData("enabled", "no", false)]
    [InlineData("standby", "yes", true)]
    [InlineData("health.server_alive_interval", "20", 20)]
    [InlineData("health.server_alive_count_max", "5", 5)]
    [InlineData("health.connect_timeout", "15", 15)]
    [InlineData("health.probe_interval", "7.5", 7.5)]
    [InlineData("health.probe_timeout", "1.5", 1.5)]
    [InlineData("health.probe_failures", "4", 4)]
    [InlineData("backoff.initial", "2", 2.0)]
    [InlineData("backoff.max", "120", 120.0)]
    [InlineData("backoff.stable_period", "45", 45.0)]
    [InlineData("backoff.needs_attention_retry", "600", 600.0)]
    [InlineData("backoff.remote_port_retry", "5", 5.0)]
    [InlineData("hooks.timeout", "2.5", 2.5)]
    public void A_key_takes_the_tunnels_value_over_the_defaults_over_the_built_in_one(string key, string written, object expected)
    {
        var entry = ConfigKeys.Get($"{ConfigKeys.Tunnel}.{key}");
        var builtIn = entry.Default is bool b ? (b ? "true" : "false") : Convert.ToString(entry.Default, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : "null";
        var place = Place[key];

        Assert.Equal(entry.Default, place(OneTunnel("")));
        Assert.Equal(expected, place(Loaded(defaults: Yaml(key, written), tunnel: "")));
        Assert.Equal(expected, place(Loaded(defaults: "", tunnel: Yaml(key, written))));
        Assert.Equal(entry.Default, place(Loaded(defaults: Yaml(key, written), tunnel: Yaml(key, builtIn))));
    }

    [Fact]
    public void Every_key_defaults_may_set_with_a_single_value_has_a_row_above()
    {
        // ssh_options merge option by option (ConfigLoaderTests) and hooks are commands (HooksConfigTests).
        var single = ConfigKeys.All.Where(k => k.InDefaults && k.Set is not null && k.Merge is null && !k.Key.StartsWith("on_", StringComparison.Ordinal))
            .Select(k => k.Path[(ConfigKeys.Tunnel.Length + 1)..]);

        Assert.Equal(Place.Keys.Order(StringComparer.Ordinal), single.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_key_has_one_entry_and_its_map_is_an_entry_too()
    {
        var paths = ConfigKeys.All.Select(k => k.Path).ToList();

        Assert.Equal(paths.Distinct(), paths);
        Assert.All(ConfigKeys.All, k => Assert.True(k.Parent is "" or ConfigKeys.Tunnel or ConfigKeys.Forward || paths.Contains(k.Parent), k.Path));
    }

    [Fact]
    public void Only_destination_and_forwards_and_what_is_under_them_are_kept_from_defaults()
    {
        var tunnelOnly = ConfigKeys.All.Where(k => k.Path.StartsWith(ConfigKeys.Tunnel, StringComparison.Ordinal) && !k.InDefaults).Select(k => k.Key).Distinct();

        Assert.Equal(["destination", "forwards", "local", "remote", "dynamic", "type", "bind", "port", "to", "probe", "hold", "send", "expect", "http"], tunnelOnly);
    }

    private static TunnelConfig Loaded(string defaults, string tunnel) =>
        Assert.Single(Valid((defaults.Length == 0 ? "" : "defaults:\n" + Indent(defaults)) + Tunnel(tunnel)).Tunnels);

    private static string Indent(string lines) => string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));

    /// <summary><c>port: 2222</c>, or <c>health: { probe_interval: 7.5 }</c> for a key in a map.</summary>
    private static string Yaml(string key, string value) =>
        key.Split('.') is [var map, var inner] ? $"{map}: {{ {inner}: {value} }}" : $"{key}: {value}";
}
