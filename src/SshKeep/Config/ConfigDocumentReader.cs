namespace SshKeep.Config;

/// <summary>The whole file: top-level keys, <c>defaults</c>, each tunnel, then the rules between tunnels.</summary>
internal sealed class ConfigDocumentReader(ConfigErrorSink errors, string? home)
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

        var readyWhen = ReadyWhen.AllUp;
        var readyTimeout = TimeSpan.FromSeconds(30);
        HttpSettings? http = null;
        ConfigMappingEntry? defaultsEntry = null, tunnelsEntry = null;
        var misspeltTunnels = false;
        foreach (var entry in top.Entries)
        {
            switch (entry.Name)
            {
                case "version":
                    // Room for a future format; today there is one.
                    if (entry.Value is not ConfigScalar { Value: "1" })
                    {
                        ConfigValueReader.Fail(entry.Value, entry.Path, errors, "1 (the only version of this format)");
                    }

                    break;
                case "ready_when":
                    if (ConfigValueReader.OneOf(entry.Value, entry.Path, errors, ConfigKeys.ReadyWhen, out var word))
                    {
                        readyWhen = word == "all-up" ? ReadyWhen.AllUp : ReadyWhen.FirstAttempt;
                    }

                    break;
                case "ready_timeout":
                    if (ConfigValueReader.Seconds(entry.Value, entry.Path, errors, 0.5, 3600, null, out double seconds))
                    {
                        readyTimeout = TimeSpan.FromSeconds(seconds);
                    }

                    break;
                case "defaults":
                    defaultsEntry = entry;
                    break;
                case "tunnels":
                    tunnelsEntry = entry;
                    break;
                case "http":
                    http = HttpSectionReader.Read(entry, errors);
                    break;
                default:
                    misspeltTunnels |= UnknownKeys.Report(entry, ConfigKeys.Top, errors) == "tunnels";
                    break;
            }
        }

        var sections = new SectionReader(errors, home);
        var defaults = defaultsEntry is not null &&
                       ConfigValueReader.Map(defaultsEntry.Value, defaultsEntry.Path, errors, "a map of tunnel settings", out var defaultsMap)
            ? sections.Read(defaultsMap, defaultsEntry.Path, isDefaults: true)
            : new TunnelDraft();

        var tunnels = new List<TunnelConfig>();
        var owners = new List<ListenOwner>();
        if (tunnelsEntry is not null || !misspeltTunnels)
        {
            ReadTunnels(tunnelsEntry, top, defaults, sections, tunnels, owners);
        }

        ListenConflicts.Check(owners, errors);
        return errors.HasErrors
            ? null
            : new SshKeepConfig { Path = path, Tunnels = tunnels, ReadyWhen = readyWhen, ReadyTimeout = readyTimeout, Http = http };
    }

    private void ReadTunnels(ConfigMappingEntry? tunnelsEntry, ConfigMapping top, TunnelDraft defaults, SectionReader sections,
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

            var draft = sections.Read(settings, entry.Path, isDefaults: false);
            var tunnel = TunnelMerger.Merge(entry.Name, entry.Key, entry.Path, draft, defaults, errors);
            if (tunnel is not null && nameError is null)
            {
                tunnels.Add(tunnel);
            }

            // An enabled key that is not true/false counts as enabled here: its clashes are still worth knowing.
            owners.Add(new ListenOwner(
                entry.Name,
                (draft.Enabled ?? defaults.Enabled)?.Value ?? true,
                draft.Destination?.Value,
                (draft.Port ?? defaults.Port)?.Value,
                draft.Forwards ?? []));
        }
    }
}
