namespace SshKeep.Config;

/// <summary>
/// Reads one section, <c>defaults</c> or one tunnel, into a <see cref="TunnelDraft"/>, reporting
/// every bad key and value. Values are checked on their own here (once, where they are written);
/// rules that need the merged tunnel (probe_timeout &lt; probe_interval, clashes) come later.
/// </summary>
internal sealed class SectionReader(ConfigErrorSink errors, string? home)
{
    // Hook programs are looked up in this process's PATH: the daemon's, which is where they run.
    private readonly HooksReader _hooks = new(errors, home, Environment.GetEnvironmentVariable("PATH"), ProgramSearch.IsExecutableFile);

    // Bounds: wide enough for any real use, narrow enough to catch a unit mistake (ms for s) or a
    // setting that would make sshkeep hammer a server or never notice a failure.
    public const int MaxServerAliveInterval = 3600;
    public const int MaxServerAliveCountMax = 100;
    public const int MaxConnectTimeout = 600;
    public const int MaxProbeFailures = 100;

    public TunnelDraft Read(ConfigMapping map, string path, bool isDefaults)
    {
        var draft = new TunnelDraft();
        var healthOptions = new List<(SshOptionDraft Option, Located<int> Value)>();
        foreach (var entry in map.Entries)
        {
            draft.Written.Add(entry.Name);
            switch (entry.Name)
            {
                case "destination" when !isDefaults:
                    if (ConfigValueReader.Text(entry.Value, entry.Path, errors, DestinationSyntax.Accepted, out var destination))
                    {
                        if (DestinationSyntax.Error(destination) is { } error)
                        {
                            errors.Add(entry.Value, entry.Path, error);
                        }
                        else
                        {
                            draft.Destination = new(destination, entry.Value, entry.Path);
                        }
                    }

                    break;
                case "forwards" when !isDefaults:
                    draft.Forwards = ForwardListReader.Read(entry, errors);
                    break;
                case "destination" or "forwards":
                    errors.Add(entry.Key, entry.Path,
                        $"{ConfigText.Key(entry.Name)} cannot be a default: each tunnel sets its own");
                    break;
                case "port":
                    ReadPort(entry, draft);
                    break;
                case "identity_file":
                    ReadIdentityFile(entry, draft);
                    break;
                case "ssh_path":
                    ReadSshPath(entry, draft);
                    break;
                case "ssh_options":
                    ReadSshOptions(entry, draft, isDefaults, healthOptions);
                    break;
                case "health":
                    ReadHealth(entry, draft.Health);
                    break;
                case "backoff":
                    ReadBackoff(entry, draft.Backoff);
                    break;
                case "hooks":
                    _hooks.Read(entry, draft.Hooks, isDefaults);
                    break;
                case "enabled":
                    if (ConfigValueReader.Boolean(entry.Value, entry.Path, errors, out var enabled))
                    {
                        draft.Enabled = new(enabled, entry.Value, entry.Path);
                    }

                    break;
                default:
                    if (UnknownKeys.Report(entry, isDefaults ? ConfigKeys.Defaults : ConfigKeys.Tunnel, errors, isSection: true) is { } meant)
                    {
                        draft.Written.Add(meant);
                    }

                    break;
            }
        }

        MoveHealthOptions(draft.Health, healthOptions);
        return draft;
    }

    private void ReadPort(ConfigMappingEntry entry, TunnelDraft draft)
    {
        if (entry.Value is ConfigScalar { IsNull: true })
        {
            draft.Port = new(null, entry.Value, entry.Path);
        }
        else if (ConfigValueReader.WholeNumber(entry.Value, entry.Path, errors, 1, ForwardParser.MaxPort, out var port))
        {
            draft.Port = new(port, entry.Value, entry.Path);
        }
    }

    private void ReadIdentityFile(ConfigMappingEntry entry, TunnelDraft draft)
    {
        if (entry.Value is ConfigScalar { IsNull: true })
        {
            draft.IdentityFile = new(null, entry.Value, entry.Path);
        }
        else if (ConfigValueReader.Text(entry.Value, entry.Path, errors, "a path to a private key", out var text))
        {
            if (HomePath.TryExpand(text, home, out var expanded, out var error))
            {
                draft.IdentityFile = new(expanded, entry.Value, entry.Path);
            }
            else
            {
                errors.Add(entry.Value, entry.Path, error);
            }
        }
    }

    private void ReadSshPath(ConfigMappingEntry entry, TunnelDraft draft)
    {
        if (!ConfigValueReader.Text(entry.Value, entry.Path, errors, "a program name or absolute path", out var text))
        {
            return;
        }

        // A bare name is looked up in PATH when ssh is started, as a shell would; a path must be absolute.
        if (!text.Contains('/') && !text.StartsWith('~'))
        {
            if (text.StartsWith('-'))
            {
                errors.Add(entry.Value, entry.Path, $"{ConfigText.Quote(text)} starts with '-'; expected a program name or absolute path");
            }
            else
            {
                draft.SshPath = new(text, entry.Value, entry.Path);
            }
        }
        else if (HomePath.TryExpand(text, home, out var expanded, out var error))
        {
            draft.SshPath = new(expanded, entry.Value, entry.Path);
        }
        else
        {
            errors.Add(entry.Value, entry.Path, error);
        }
    }

    private void ReadSshOptions(ConfigMappingEntry entry, TunnelDraft draft, bool isDefaults, List<(SshOptionDraft, Located<int>)> healthOptions)
    {
        if (!ConfigValueReader.Map(entry.Value, entry.Path, errors, "a map of ssh options (Keyword: value)", out var map))
        {
            return;
        }

        if (map.Entries.Count > ConfigLoader.MaxSshOptions)
        {
            errors.Add(entry.Key, entry.Path,
                $"{ConfigText.Number(map.Entries.Count)} options; a section holds at most {ConfigText.Number(ConfigLoader.MaxSshOptions)}");
            return;
        }

        var seen = new Dictionary<string, ConfigScalar>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in map.Entries)
        {
            var key = option.Name;
            if (!SshOptionRules.IsKeywordSyntax(key))
            {
                errors.Add(option.Key, option.Path,
                    $"{ConfigText.Quote(key)} is not an ssh_config keyword; expected letters and digits, like ServerAliveInterval");
                continue;
            }

            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(option.Key, option.Path,
                    $"{ConfigText.Key(key)} is already set as {ConfigText.Key(first.Value)} on line {ConfigText.Number(first.Line)} (ssh keywords ignore case); set it once");
                continue;
            }

            seen.Add(key, option.Key);
            if (!SshKeywords.IsKnown(key) && KeySuggestion.Closest(key, SshKeywords.Known) is { } suggestion)
            {
                errors.Add(option.Key, option.Path, $"unknown ssh option {ConfigText.Key(key)}; did you mean {ConfigText.Key(suggestion)}?");
                continue;
            }

            var healthOption = SshOptionRules.HealthOptions.FirstOrDefault(h => SshOptionRules.Is(key, h));
            if (healthOption is not null)
            {
                var (min, max) = HealthOptionRange(healthOption);
                if (ConfigValueReader.WholeNumber(option.Value, option.Path, errors, min, max, out var number))
                {
                    healthOptions.Add((new SshOptionDraft(key, null, option.Key, option.Path), new(number, option.Value, option.Path)));
                }

                continue;
            }

            if (option.Value is ConfigScalar { IsNull: true })
            {
                if (isDefaults)
                {
                    errors.Add(option.Value, option.Path, "no value; expected the option's value (a null value removes an inherited option, and only in a tunnel)");
                }
                else
                {
                    draft.SshOptions.Add(new SshOptionDraft(key, null, option.Key, option.Path));
                }

                continue;
            }

            if (!ConfigValueReader.Text(option.Value, option.Path, errors, "the option's value", out var value))
            {
                continue;
            }

            if (SshOptionRules.Refusal(key, value) is { } reason)
            {
                errors.Add(option.Value, option.Path, $"{key} {ConfigText.Quote(value)} is refused: {reason}");
                continue;
            }

            draft.SshOptions.Add(new SshOptionDraft(key, value, option.Key, option.Path));
        }
    }

    private static (int Min, int Max) HealthOptionRange(string keyword) => keyword switch
    {
        "ServerAliveInterval" => (1, MaxServerAliveInterval),
        "ServerAliveCountMax" => (1, MaxServerAliveCountMax),
        _ => (1, MaxConnectTimeout),
    };

    /// <summary>
    /// ServerAliveInterval, ServerAliveCountMax and ConnectTimeout in <c>ssh_options</c> are another
    /// spelling of the <c>health</c> keys of the same section: they become health settings (so the
    /// budget sshkeep reports is the one ssh uses) and are not passed twice. Both spellings with
    /// different values in one section is an error, since neither can be said to win.
    /// </summary>
    private void MoveHealthOptions(HealthDraft health, List<(SshOptionDraft Option, Located<int> Value)> options)
    {
        foreach (var (option, value) in options)
        {
            var (existing, healthKey) = option.Key.ToLowerInvariant() switch
            {
                "serveraliveinterval" => (health.ServerAliveInterval, "server_alive_interval"),
                "serveralivecountmax" => (health.ServerAliveCountMax, "server_alive_count_max"),
                _ => (health.ConnectTimeout, "connect_timeout"),
            };
            if (existing is { } set && set.Value != value.Value)
            {
                errors.Add(value.Node, value.Path,
                    $"{option.Key} {ConfigText.Number(value.Value)} disagrees with health.{healthKey} {ConfigText.Number(set.Value)} (line {ConfigText.Number(set.Node.Line)}); set one of them");
                continue;
            }

            switch (healthKey)
            {
                case "server_alive_interval": health.ServerAliveInterval = value; break;
                case "server_alive_count_max": health.ServerAliveCountMax = value; break;
                default: health.ConnectTimeout = value; break;
            }
        }
    }

    private void ReadHealth(ConfigMappingEntry section, HealthDraft health)
    {
        if (!ConfigValueReader.Map(section.Value, section.Path, errors, "a map of health settings", out var map))
        {
            return;
        }

        foreach (var entry in map.Entries)
        {
            switch (entry.Name)
            {
                case "server_alive_interval":
                    health.ServerAliveInterval = Whole(entry, 1, MaxServerAliveInterval) ?? health.ServerAliveInterval;
                    break;
                case "server_alive_count_max":
                    health.ServerAliveCountMax = Whole(entry, 1, MaxServerAliveCountMax) ?? health.ServerAliveCountMax;
                    break;
                case "connect_timeout":
                    health.ConnectTimeout = Whole(entry, 1, MaxConnectTimeout) ?? health.ConnectTimeout;
                    break;
                case "probe_interval":
                    health.ProbeInterval = Seconds(entry, 0.5, 3600, zeroMeans: "turn probes off") ?? health.ProbeInterval;
                    break;
                case "probe_timeout":
                    health.ProbeTimeout = Seconds(entry, 0.1, 600) ?? health.ProbeTimeout;
                    break;
                case "probe_failures":
                    health.ProbeFailures = Whole(entry, 1, MaxProbeFailures) ?? health.ProbeFailures;
                    break;
                default:
                    UnknownKeys.Report(entry, ConfigKeys.Health, errors);
                    break;
            }
        }
    }

    private void ReadBackoff(ConfigMappingEntry section, BackoffDraft backoff)
    {
        if (!ConfigValueReader.Map(section.Value, section.Path, errors, "a map of back-off settings", out var map))
        {
            return;
        }

        foreach (var entry in map.Entries)
        {
            switch (entry.Name)
            {
                case "initial":
                    backoff.Initial = Seconds(entry, 0.1, 3600) ?? backoff.Initial;
                    break;
                case "max":
                    backoff.Max = Seconds(entry, 1, 86400) ?? backoff.Max;
                    break;
                case "stable_period":
                    backoff.StablePeriod = Seconds(entry, 1, 86400) ?? backoff.StablePeriod;
                    break;
                case "needs_attention_retry":
                    // At least 10 s: a refused key retried faster looks like an attack to fail2ban.
                    backoff.NeedsAttentionRetry = Seconds(entry, 10, 86400) ?? backoff.NeedsAttentionRetry;
                    break;
                case "remote_port_retry":
                    backoff.RemotePortRetry = Seconds(entry, 0.5, 3600) ?? backoff.RemotePortRetry;
                    break;
                default:
                    UnknownKeys.Report(entry, ConfigKeys.Backoff, errors);
                    break;
            }
        }
    }

    private Located<int>? Whole(ConfigMappingEntry entry, int min, int max) =>
        ConfigValueReader.WholeNumber(entry.Value, entry.Path, errors, min, max, out var value)
            ? new Located<int>(value, entry.Value, entry.Path)
            : null;

    private Located<double>? Seconds(ConfigMappingEntry entry, double min, double max, string? zeroMeans = null) =>
        ConfigValueReader.Seconds(entry.Value, entry.Path, errors, min, max, zeroMeans, out var value)
            ? new Located<double>(value, entry.Value, entry.Path)
            : null;
}
