namespace SshKeep.Config;

/// <summary>The whole file: top-level keys, <c>defaults</c>, each tunnel, then the rules between tunnels.</summary>
internal sealed class ConfigDocumentReader(ConfigErrorSink errors, string? home, string? pathVariable)
{
    private const string TopAccepted = "a map with `tunnels:` (and optionally `defaults:`, `ready_when:`, `version:`)";

    /// <summary>The configuration, or null when anything was wrong (every problem is in the sink).</summary>
    public SshKeepConfig? Read(ConfigNode? root, string path)
    {
        if (root is null)
        {
            if (!errors.HasErrors)
            {
                errors.Add(1, 1, "", $"the file is empty; expected {TopAccepted}");
            }

            return null;
        }

        if (!ConfigValueReader.Map(root, "", errors, TopAccepted, out var top))
        {
            return null;
        }

        var sections = new ConfigSectionReader(errors, home, pathVariable);
        var file = sections.ReadTop(top);
        var defaults = file.Own("defaults")?.Value is ConfigMappingEntry defaultsEntry &&
                       ConfigValueReader.Map(defaultsEntry.Value, defaultsEntry.Path, errors, "a map of tunnel settings", out var defaultsMap)
            ? sections.ReadTunnel(defaultsMap, defaults: null)
            : new ConfigLayer();

        var tunnels = new List<TunnelConfig>();
        var owners = new List<ListenOwner>();
        var tunnelsEntry = file.Own("tunnels")?.Value as ConfigMappingEntry;
        // A misspelt `tunnels` was reported as misspelt, not also as missing.
        if (tunnelsEntry is not null || !file.Written.Contains("tunnels"))
        {
            ReadTunnels(tunnelsEntry, top, defaults, sections, tunnels, owners);
        }

        ListenConflicts.Check(owners, errors);
        return errors.HasErrors
            ? null
            : file.Apply(new SshKeepConfig { Path = path, Tunnels = tunnels }, ConfigKeys.All.Where(k => !k.Path.StartsWith(ConfigKeys.Tunnel, StringComparison.Ordinal)));
    }

    private void ReadTunnels(ConfigMappingEntry? tunnelsEntry, ConfigMapping top, ConfigLayer defaults, ConfigSectionReader sections,
        List<TunnelConfig> tunnels, List<ListenOwner> owners)
    {
        if (tunnelsEntry is null)
        {
            errors.Add(top, "tunnels", "no `tunnels:`; expected a map from each tunnel's name to its settings");
            return;
        }

        if (!ConfigValueReader.Map(tunnelsEntry.Value, tunnelsEntry.Path, errors, "a map from each tunnel's name to its settings", out var map))
        {
            return;
        }

        if (map.Entries.Count == 0)
        {
            // Decision (docs/config.md): an empty list is refused rather than obeyed, so that a
            // truncated or half-written file does not stop every tunnel on reload.
            errors.Add(tunnelsEntry.Key, tunnelsEntry.Path, "no tunnels; add at least one under `tunnels:` (to stop them all, use `sshkeep stop`)");
            return;
        }

        if (map.Entries.Count > ConfigLoader.MaxTunnels)
        {
            errors.Add(tunnelsEntry.Key, tunnelsEntry.Path,
                $"{ConfigText.Number(map.Entries.Count)} tunnels; one file holds at most {ConfigText.Number(ConfigLoader.MaxTunnels)} (run another sshkeep with a second file)");
            return;
        }

        foreach (var entry in map.Entries)
        {
            var nameError = TunnelName.Error(entry.Name);
            if (nameError is not null)
            {
                errors.Add(entry.Key, entry.Path, nameError);
            }

            if (!ConfigValueReader.Map(entry.Value, entry.Path, errors, "a map of tunnel settings (destination, forwards, …)", out var settings))
            {
                continue;
            }

            var layer = sections.ReadTunnel(settings, defaults);
            var tunnel = TunnelBuilder.Build(entry.Name, entry.Key, entry.Path, layer, errors);
            if (tunnel is not null && nameError is null)
            {
                tunnels.Add(tunnel);
            }

            // An enabled key that is not true/false counts as enabled here: its clashes are still worth knowing.
            owners.Add(new ListenOwner(
                entry.Name,
                layer.Value<bool>(ConfigKeys.Tunnel + ".enabled"),
                layer.Own(ConfigKeys.Tunnel + ".destination")?.Value as string,
                layer.Value<int?>(ConfigKeys.Tunnel + ".port"),
                layer.Own(ConfigKeys.Tunnel + ".forwards")?.Value as List<Located<ForwardSpec>> ?? []));
        }
    }
}
