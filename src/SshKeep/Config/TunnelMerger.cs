namespace SshKeep.Config;

/// <summary>
/// Makes one <see cref="TunnelConfig"/> from a tunnel's draft over the defaults' draft: key by key
/// (a tunnel value replaces the default), <c>health</c> and <c>backoff</c> field by field,
/// <c>hooks</c> hook by hook, <c>ssh_options</c> option by option (case-insensitive; a null value drops an inherited option).
/// Then checks the rules that need the merged tunnel.
/// </summary>
internal static class TunnelMerger
{
    /// <summary>The tunnel, or null when something required is missing (reported).</summary>
    public static TunnelConfig? Merge(string name, ConfigScalar nameNode, string path, TunnelDraft tunnel, TunnelDraft defaults, ConfigErrorSink errors)
    {
        if (!tunnel.Written.Contains("destination"))
        {
            errors.Add(nameNode, path, $"no `destination`; expected {DestinationSyntax.Accepted}, the server this tunnel goes through");
        }

        if (!tunnel.Written.Contains("forwards"))
        {
            errors.Add(nameNode, path, "no `forwards`; a tunnel needs at least one `local`, `remote` or `dynamic` forward");
        }

        var options = MergeOptions(tunnel.SshOptions, defaults.SshOptions);
        var health = MergeHealth(tunnel.Health, defaults.Health, errors);
        var backoff = MergeBackoff(tunnel.Backoff, defaults.Backoff, errors);
        if (tunnel.Destination is { } destination && DestinationSyntax.User(destination.Value) is { } user &&
            options.FirstOrDefault(o => SshOptionRules.Is(o.Key, "User")) is { Value: { } optionUser } userOption)
        {
            errors.Add(destination.Node, destination.Path,
                $"{ConfigText.Quote(destination.Value)} names the user {ConfigText.Quote(user)} and ssh_options sets User {ConfigText.Quote(optionUser)} ({userOption.Path}, line {ConfigText.Number(userOption.KeyNode.Line)}); name the user once");
        }

        if (tunnel.Destination is null || tunnel.Forwards is not { Count: > 0 })
        {
            return null;
        }

        return new TunnelConfig
        {
            Name = name,
            Destination = tunnel.Destination.Value.Value,
            Port = (tunnel.Port ?? defaults.Port)?.Value,
            IdentityFile = (tunnel.IdentityFile ?? defaults.IdentityFile)?.Value,
            SshPath = (tunnel.SshPath ?? defaults.SshPath)?.Value ?? TunnelConfig.DefaultSshPath,
            SshOptions = [.. options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value!))],
            Forwards = [.. tunnel.Forwards.Select(f => f.Value)],
            Health = health,
            Backoff = backoff,
            Hooks = MergeHooks(tunnel.Hooks, defaults.Hooks),
            Enabled = (tunnel.Enabled ?? defaults.Enabled)?.Value ?? true,
        };
    }

    /// <summary>Defaults' options in their order, each replaced by the tunnel's value where the
    /// tunnel sets it (keeping the tunnel's spelling), then the tunnel's own new options.</summary>
    internal static List<SshOptionDraft> MergeOptions(IReadOnlyList<SshOptionDraft> tunnel, IReadOnlyList<SshOptionDraft> defaults)
    {
        var merged = new List<SshOptionDraft>();
        foreach (var option in defaults)
        {
            var over = tunnel.FirstOrDefault(t => SshOptionRules.Is(t.Key, option.Key));
            var chosen = over ?? option;
            if (chosen.Value is not null)
            {
                merged.Add(chosen);
            }
        }

        merged.AddRange(tunnel.Where(t => t.Value is not null && !defaults.Any(d => SshOptionRules.Is(d.Key, t.Key))));
        return merged;
    }

    private static HealthSettings MergeHealth(HealthDraft tunnel, HealthDraft defaults, ConfigErrorSink errors)
    {
        var builtIn = new HealthSettings();
        var probeInterval = tunnel.ProbeInterval ?? defaults.ProbeInterval;
        var probeTimeout = tunnel.ProbeTimeout ?? defaults.ProbeTimeout;
        var health = new HealthSettings
        {
            ServerAliveInterval = (tunnel.ServerAliveInterval ?? defaults.ServerAliveInterval)?.Value ?? builtIn.ServerAliveInterval,
            ServerAliveCountMax = (tunnel.ServerAliveCountMax ?? defaults.ServerAliveCountMax)?.Value ?? builtIn.ServerAliveCountMax,
            ConnectTimeout = (tunnel.ConnectTimeout ?? defaults.ConnectTimeout)?.Value ?? builtIn.ConnectTimeout,
            ProbeInterval = probeInterval?.Value ?? builtIn.ProbeInterval,
            ProbeTimeout = probeTimeout?.Value ?? builtIn.ProbeTimeout,
            ProbeFailures = (tunnel.ProbeFailures ?? defaults.ProbeFailures)?.Value ?? builtIn.ProbeFailures,
        };

        // Probes run one at a time; a timeout as long as the interval would make them overlap.
        if (health.ProbeInterval > 0 && health.ProbeTimeout >= health.ProbeInterval)
        {
            var at = Blame(tunnel.ProbeTimeout, tunnel.ProbeInterval, probeTimeout, probeInterval);
            errors.Add(at.Node, at.Path,
                $"probe_timeout {ConfigText.Seconds(health.ProbeTimeout)}{Source(probeTimeout, at)} is not shorter than probe_interval {ConfigText.Seconds(health.ProbeInterval)}{Source(probeInterval, at)}; a probe must end before the next one starts");
        }

        return health;
    }

    /// <summary>Hook by hook: a tunnel's hook (or its null) replaces the default's.</summary>
    private static HookSettings MergeHooks(HooksDraft tunnel, HooksDraft defaults) => new()
    {
        OnUp = (tunnel.OnUp ?? defaults.OnUp)?.Value,
        OnDown = (tunnel.OnDown ?? defaults.OnDown)?.Value,
        OnNeedsAttention = (tunnel.OnNeedsAttention ?? defaults.OnNeedsAttention)?.Value,
        Timeout = (tunnel.Timeout ?? defaults.Timeout)?.Value ?? new HookSettings().Timeout,
    };

    private static BackoffSettings MergeBackoff(BackoffDraft tunnel, BackoffDraft defaults, ConfigErrorSink errors)
    {
        var builtIn = new BackoffSettings();
        var initial = tunnel.Initial ?? defaults.Initial;
        var max = tunnel.Max ?? defaults.Max;
        var backoff = new BackoffSettings
        {
            Initial = initial?.Value ?? builtIn.Initial,
            Max = max?.Value ?? builtIn.Max,
            StablePeriod = (tunnel.StablePeriod ?? defaults.StablePeriod)?.Value ?? builtIn.StablePeriod,
            NeedsAttentionRetry = (tunnel.NeedsAttentionRetry ?? defaults.NeedsAttentionRetry)?.Value ?? builtIn.NeedsAttentionRetry,
            RemotePortRetry = (tunnel.RemotePortRetry ?? defaults.RemotePortRetry)?.Value ?? builtIn.RemotePortRetry,
        };

        if (backoff.Initial > backoff.Max)
        {
            var at = Blame(tunnel.Initial, tunnel.Max, initial, max);
            errors.Add(at.Node, at.Path,
                $"initial {ConfigText.Seconds(backoff.Initial)}{Source(initial, at)} is longer than max {ConfigText.Seconds(backoff.Max)}{Source(max, at)}; the first wait cannot be longer than the longest");
        }

        return backoff;
    }

    /// <summary>
    /// Where to report a rule between two values: at a value the tunnel itself set (the first when
    /// it set both), else at one from defaults. One of the two is always written in the file,
    /// since the built-in values obey every rule.
    /// </summary>
    private static Located<T> Blame<T>(Located<T>? tunnelFirst, Located<T>? tunnelSecond, Located<T>? first, Located<T>? second) =>
        tunnelFirst ?? tunnelSecond ?? first ?? second!.Value;

    /// <summary>Where a value of the message came from, unless it is where the error points.</summary>
    private static string Source<T>(Located<T>? value, Located<T> at) =>
        value is not { } v ? " (built-in default)"
        : v.Path == at.Path ? ""
        : $" ({v.Path}, line {ConfigText.Number(v.Node.Line)})";
}
