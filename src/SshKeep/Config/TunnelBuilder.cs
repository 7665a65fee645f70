namespace SshKeep.Config;

/// <summary>Makes a <see cref="TunnelConfig"/> from its layer, then checks the rules that need the whole tunnel.</summary>
internal static class TunnelBuilder
{
    private const string Tunnel = ConfigKeys.Tunnel + ".";

    /// <summary>Null when something required is missing (reported).</summary>
    public static TunnelConfig? Build(string name, ConfigScalar nameNode, string path, ConfigLayer tunnel, ConfigErrorSink errors)
    {
        if (!tunnel.Written.Contains(Tunnel + "destination"))
        {
            errors.Add(nameNode, path,
                $"no `destination`; expected {HostSyntax.DestinationAccepted}, the server this tunnel goes through");
        }

        if (!tunnel.Written.Contains(Tunnel + "forwards"))
        {
            errors.Add(nameNode, path, "no `forwards`; a tunnel needs at least one `local`, `remote` or `dynamic` forward");
        }

        var config = tunnel.Apply(new TunnelConfig { Name = name, Destinations = [] }, ConfigKeys.All.Where(k => k.Path.StartsWith(Tunnel, StringComparison.Ordinal)));

        // Probes run one at a time; a timeout as long as the interval would make them overlap.
        var health = config.Health;
        if (health.ProbeInterval > 0 && health.ProbeTimeout >= health.ProbeInterval)
        {
            Between(tunnel, "health.probe_timeout", "health.probe_interval", errors, (timeout, interval) =>
                $"probe_timeout {ConfigText.Seconds(health.ProbeTimeout)}{timeout} is not shorter than probe_interval {ConfigText.Seconds(health.ProbeInterval)}{interval}; a probe must end before the next one starts");
        }

        var backoff = config.Backoff;
        if (backoff.Initial > backoff.Max)
        {
            Between(tunnel, "backoff.initial", "backoff.max", errors, (initial, max) =>
                $"initial {ConfigText.Seconds(backoff.Initial)}{initial} is longer than max {ConfigText.Seconds(backoff.Max)}{max}; the first wait cannot be longer than the longest");
        }

        var destination = tunnel.Own(Tunnel + "destination");
        if (destination is { Value: List<string> hosts } && hosts.FirstOrDefault(h => HostSyntax.User(h) is not null) is { } host &&
            HostSyntax.User(host) is { } user &&
            tunnel.Get(ConfigKeys.Get(Tunnel + "ssh_options"))?.Value is List<SshOptionDraft> options &&
            options.FirstOrDefault(o => SshOptionRules.Is(o.Key, "User")) is { Value: { } optionUser } userOption)
        {
            errors.Add(destination.Value.Node, destination.Value.Path,
                $"{ConfigText.Quote(host)} names the user {ConfigText.Quote(user)} and ssh_options sets User {ConfigText.Quote(optionUser)} ({userOption.Path}, line {ConfigText.Number(userOption.KeyNode.Line)}); name the user once");
        }

        return destination is null || config.Forwards.Count == 0 ? null : config;
    }

    /// <summary>Reported at a value the tunnel set, else at one from defaults (the built-in values obey every rule).</summary>
    private static void Between(ConfigLayer tunnel, string first, string second, ConfigErrorSink errors, Func<string, string, string> message)
    {
        var (a, b) = (tunnel.Get(ConfigKeys.Get(Tunnel + first)), tunnel.Get(ConfigKeys.Get(Tunnel + second)));
        var at = tunnel.Own(Tunnel + first) ?? tunnel.Own(Tunnel + second) ?? a ?? b!.Value;
        errors.Add(at.Node, at.Path, message(Source(a, at), Source(b, at)));
    }

    private static string Source(Located<object?>? value, Located<object?> at) =>
        value is not { } v ? " (built-in default)"
        : v.Path == at.Path ? ""
        : $" ({v.Path}, line {ConfigText.Number(v.Node.Line)})";
}
