using System.Globalization;
using System.Text.RegularExpressions;
using SshKeep.Config;

namespace SshKeep.Tests.Config;

/// <summary>Which keys <c>sshkeep help config KEY</c> understands: a listed path, a path as
/// <c>sshkeep check</c> prints it, a <c>defaults.</c> path, or the end of a path.</summary>
public sealed partial class ConfigKeyHelpTests
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

    /// <summary>Every key whose summary states a range ("Seconds, 0.5 to 3600"), with the range.</summary>
    public static TheoryData<string, string, string> Ranges()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var entry in ConfigKeys.All)
            if (Range().Match(entry.Summary) is { Success: true } range) data.Add(entry.Path, range.Groups[2].Value, range.Groups[3].Value);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void The_range_a_summary_states_is_the_one_the_loader_enforces(string path, string min, string max)
    {
        var whole = !min.Contains('.', StringComparison.Ordinal) && !max.Contains('.', StringComparison.Ordinal) && !path.EndsWith("probe_interval", StringComparison.Ordinal);
        var low = double.Parse(min, CultureInfo.InvariantCulture);
        var high = double.Parse(max, CultureInfo.InvariantCulture);
        var step = whole ? 1 : 0.01;

        Assert.IsType<ConfigLoadResult.Valid>(ConfigYaml.Parse(FileWith(path, low)));
        Assert.IsType<ConfigLoadResult.Valid>(ConfigYaml.Parse(FileWith(path, high)));
        Assert.IsNotType<ConfigLoadResult.Valid>(ConfigYaml.Parse(FileWith(path, low - step)));
        Assert.IsNotType<ConfigLoadResult.Valid>(ConfigYaml.Parse(FileWith(path, high + step)));
    }

    /// <summary>A file that sets the key to the value, and its neighbours so that no other rule
    /// (a probe shorter than its interval, an initial back-off not above the longest) objects.</summary>
    private static string FileWith(string path, double value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (!path.StartsWith(ConfigKeyHelp.TunnelPrefix, StringComparison.Ordinal)) return $"{path}: {text}\n" + ConfigYaml.Tunnel("");
        if (path.EndsWith(".forwards[N].hold", StringComparison.Ordinal)) return ConfigYaml.Tunnel($"forwards: [ {{ local: \"8080:localhost:80\", hold: {text} }} ]");
        var parts = path[ConfigKeyHelp.TunnelPrefix.Length..].Split('.');
        var neighbours = parts[1] switch
        {
            "probe_timeout" => ", probe_interval: 3600",
            "probe_interval" => ", probe_timeout: 0.1",
            "initial" => ", max: 86400",
            "max" => ", initial: 0.1",
            _ => "",
        };
        return ConfigYaml.Tunnel($"{parts[0]}: {{ {parts[1]}: {text}{neighbours} }}");
    }

    [GeneratedRegex(@"^(Seconds|Whole seconds|A whole number), ([\d.]+) to ([\d.]+)")]
    private static partial Regex Range();

    [Fact]
    public void Every_key_under_defaults_is_a_tunnel_key_that_defaults_accepts()
    {
        var underDefaults = ConfigKeys.All.Where(e => e.InDefaults).Select(e => e.DefaultsPath!.Split('.')[1]).Distinct();

        Assert.Equal(["port", "identity_file", "ssh_path", "ssh_options", "health", "backoff", "hooks", "enabled", "standby"], underDefaults);
    }
}
