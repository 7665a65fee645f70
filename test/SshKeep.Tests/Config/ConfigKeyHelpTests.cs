using SshKeep.Config;

namespace SshKeep.Tests.Config;

/// <summary>Which keys <c>sshkeep help config KEY</c> understands: a listed path, a path as
/// <c>sshkeep check</c> prints it, a <c>defaults.</c> path, or the end of a path.</summary>
public sealed class ConfigKeyHelpTests
{
    [Theory]
    [InlineData("ready_timeout", "ready_timeout")]
    [InlineData("http.listen", "http.listen")]
    [InlineData("listen", "http.listen")]
    [InlineData("http", "http")] // the top-level key, not a forward probe's http
    [InlineData("tunnels", "tunnels")]
    [InlineData("tunnels.NAME.health.probe_interval", "tunnels.NAME.health.probe_interval")]
    [InlineData("tunnels.db.health.probe_interval", "tunnels.NAME.health.probe_interval")]
    [InlineData("tunnels.web.back.port", "tunnels.NAME.port")] // a name with a dot
    [InlineData("defaults.health.probe_interval", "tunnels.NAME.health.probe_interval")]
    [InlineData("defaults.hooks.on_up.shell", "tunnels.NAME.hooks.on_up.shell")]
    [InlineData("health.probe_interval", "tunnels.NAME.health.probe_interval")]
    [InlineData("probe_interval", "tunnels.NAME.health.probe_interval")]
    [InlineData("tunnels.db.forwards[1].remote", "tunnels.NAME.forwards[N].remote")]
    [InlineData("forwards[0].probe.http", "tunnels.NAME.forwards[N].probe.http")]
    [InlineData("port", "tunnels.NAME.port tunnels.NAME.forwards[N].port")]
    [InlineData("shell", "tunnels.NAME.hooks.on_up.shell tunnels.NAME.hooks.on_down.shell tunnels.NAME.hooks.on_needs_attention.shell")]
    [InlineData("defaults.destination", "")] // defaults takes no destination
    [InlineData("defaults.forwards[0].local", "")]
    [InlineData("tunnels..port", "")]
    [InlineData("probe_intervl", "")]
    [InlineData("", "")]
    public void A_key_names_these_entries(string key, string expected)
    {
        Assert.Equal(expected, string.Join(' ', ConfigKeyHelp.Find(key).Select(e => e.Path)));
    }

    [Theory]
    [InlineData("probe_intervl", "tunnels.NAME.health.probe_interval")]
    [InlineData("defaults.health.probe_intervl", "tunnels.NAME.health.probe_interval")]
    [InlineData("ready-timeout", "ready_timeout")]
    [InlineData("prot", "port")] // two keys are called port: the word alone names both
    [InlineData("colour", null)]
    public void An_unknown_key_suggests_the_closest_path(string key, string? expected)
    {
        Assert.Equal(expected, ConfigKeyHelp.Suggestion(key));
    }

    [Fact]
    public void Every_key_under_defaults_is_a_tunnel_key_that_defaults_accepts()
    {
        var underDefaults = ConfigKeyHelp.Entries.Where(e => e.InDefaults).Select(e => e.DefaultsPath!.Split('.')[1]).Distinct();

        Assert.Equal(ConfigKeys.Defaults, underDefaults);
    }
}
