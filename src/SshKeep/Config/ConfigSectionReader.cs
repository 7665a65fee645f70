namespace SshKeep.Config;

/// <summary>Reads each map of the file into a <see cref="ConfigLayer"/> through <see cref="ConfigKeys.All"/>.</summary>
internal sealed partial class ConfigSectionReader(ConfigErrorSink errors, string? home, string? pathVariable)
{
    private const string TopAccepted = "a map with `tunnels:` (and optionally `defaults:`, `ready_when:`, `version:`)";

    public ConfigErrorSink Errors => errors;

    /// <summary>Null makes a path with <c>~</c> an error.</summary>
    public string? Home => home;

    /// <summary>The daemon's PATH: hook programs are looked up where they run.</summary>
    public string? PathVariable => pathVariable;

    /// <summary>In <c>defaults</c> a null removes nothing.</summary>
    public bool IsDefaults { get; private set; }

    public List<(ConfigKey Health, string Keyword, Located<object?> Value)> HealthOptions { get; } = [];

    /// <summary>Null when anything was wrong (every problem is in the sink).</summary>
    public SshKeepConfig? ReadDocument(ConfigNode? root, string path)
    {
        if (root is null && !errors.HasErrors)
        {
            errors.Add(1, 1, "", $"the file is empty; expected {TopAccepted}");
        }

        if (root is null || !ConfigKeyReads.Map(root, "", errors, TopAccepted, out var top))
        {
            return null;
        }

        // Read first, while IsDefaults is still false.
        var file = ReadMap(top, "");
        var defaults = file.Own("defaults")?.Value is ConfigMappingEntry defaultsEntry &&
                       ConfigKeyReads.Map(defaultsEntry.Value, defaultsEntry.Path, errors, "a map of tunnel settings", out var defaultsMap)
            ? ReadTunnel(defaultsMap, defaults: null)
            : new ConfigLayer();

        var tunnels = new List<TunnelConfig>();
        var owners = new List<(string Name, ConfigLayer Layer)>();
        var tunnelsEntry = file.Own("tunnels")?.Value as ConfigMappingEntry;
        // A misspelt `tunnels` was reported as misspelt, not also as missing.
        if (tunnelsEntry is not null || !file.Written.Contains("tunnels"))
        {
            ReadTunnels(tunnelsEntry, top, defaults, tunnels, owners);
        }

        ListenConflicts.Check(owners, errors);
        return errors.HasErrors
            ? null
            : file.Apply(new SshKeepConfig { Path = path, Tunnels = tunnels }, ConfigKeys.All.Where(k => !k.Path.StartsWith(ConfigKeys.Tunnel, StringComparison.Ordinal)));
    }

    private void ReadTunnels(
        ConfigMappingEntry? tunnelsEntry, ConfigMapping top, ConfigLayer defaults, List<TunnelConfig> tunnels, List<(string, ConfigLayer)> owners)
    {
        if (tunnelsEntry is null)
        {
            errors.Add(top, "tunnels", "no `tunnels:`; expected a map from each tunnel's name to its settings");
            return;
        }

        if (!ConfigKeyReads.Map(tunnelsEntry.Value, tunnelsEntry.Path, errors, "a map from each tunnel's name to its settings", out var map))
        {
            return;
        }

        // None is refused rather than obeyed: a truncated or half-written file must not stop every tunnel on reload.
        var problem = map.Entries.Count == 0 ? "no tunnels; add at least one under `tunnels:` (to stop them all, use `sshkeep stop`)"
            : map.Entries.Count > ConfigLoader.MaxTunnels
                ? $"{ConfigText.Number(map.Entries.Count)} tunnels; one file holds at most {ConfigText.Number(ConfigLoader.MaxTunnels)} (run another sshkeep with a second file)"
            : null;
        if (problem is not null)
        {
            errors.Add(tunnelsEntry.Key, tunnelsEntry.Path, problem);
            return;
        }

        foreach (var entry in map.Entries)
        {
            // A name appears in logs, status, file names and commands (`sshkeep restart NAME`): short and plain, and
            // starting with neither '-' (an option) nor '.' (a hidden or relative file name).
            var nameOk = TunnelName().IsMatch(entry.Name);
            if (!nameOk)
            {
                errors.Add(entry.Key, entry.Path,
                    $"tunnel name {ConfigText.Quote(entry.Name)} is not accepted; expected 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'");
            }

            if (!ConfigKeyReads.Map(entry.Value, entry.Path, errors, "a map of tunnel settings (destination, forwards, …)", out var settings))
            {
                continue;
            }

            var layer = ReadTunnel(settings, defaults);
            var tunnel = TunnelBuilder.Build(entry.Name, entry.Key, entry.Path, layer, errors);
            if (tunnel is not null && nameOk)
            {
                tunnels.Add(tunnel);
            }

            owners.Add((entry.Name, layer));
        }
    }

    /// <summary>With no <paramref name="defaults"/>, those of <c>defaults</c>.</summary>
    public ConfigLayer ReadTunnel(ConfigMapping map, ConfigLayer? defaults)
    {
        var layer = new ConfigLayer(defaults);
        IsDefaults = defaults is null;
        HealthOptions.Clear();
        Read(map, ConfigKeys.Tunnel, layer);
        SshOptionsReader.MoveHealthOptions(HealthOptions, layer, errors);
        return layer;
    }

    /// <summary>A map that is one value (a forward, a probe), in a layer of its own.</summary>
    public ConfigLayer ReadMap(ConfigMapping map, string parent)
    {
        var layer = new ConfigLayer();
        Read(map, parent, layer);
        return layer;
    }

    private void Read(ConfigMapping map, string parent, ConfigLayer layer)
    {
        // A key without a reader is read by its parent's (a forward's short form, a hook's shell).
        var keys = ConfigKeys.Under(parent).Where(k => k.Read is not null || k.MapOf is not null).ToList();
        foreach (var entry in map.Entries)
        {
            layer.Written.Add(ConfigText.Child(parent, entry.Name));
            var key = keys.FirstOrDefault(k => k.Key == entry.Name);
            if (key is null)
            {
                var known = keys.Where(k => k.InDefaults || !IsDefaults).Select(k => k.Key).ToList();
                if (ReportUnknown(entry, known, isSection: parent == ConfigKeys.Tunnel) is { } meant)
                {
                    layer.Written.Add(ConfigText.Child(parent, meant));
                }
            }
            else if (IsDefaults && !key.InDefaults)
            {
                errors.Add(entry.Key, entry.Path, $"{ConfigText.Key(entry.Name)} cannot be a default: each tunnel sets its own");
            }
            else if (key.Read is { } read)
            {
                if (read(entry, this) is { } value) layer.Values[key.Path] = value;
            }
            else if (ConfigKeyReads.Map(entry.Value, entry.Path, errors, key.MapOf!, out var inner))
            {
                layer.Values[key.Path] = ConfigKeyReads.At(entry, null);
                Read(inner, key.Path, layer);
            }
        }
    }

    /// <summary>Returns the key suggested instead, so that a misspelt required key is not also reported as missing.</summary>
    public string? ReportUnknown(ConfigMappingEntry entry, IReadOnlyList<string> known, bool isSection = false)
    {
        var quoted = ConfigText.Key(entry.Name);
        var suggestion = KeySuggestion.Closest(entry.Name, known);
        var message = suggestion is not null ? $"unknown key {quoted}; did you mean {ConfigText.Key(suggestion)}?"
            : isSection && SshKeywords.IsKnown(entry.Name) ? $"unknown key {quoted}; it is an ssh option: put it under `ssh_options`"
            : $"unknown key {quoted}; accepted keys: {string.Join(", ", known)}";
        errors.Add(entry.Key, entry.Path, message);
        return suggestion;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex TunnelName();
}
