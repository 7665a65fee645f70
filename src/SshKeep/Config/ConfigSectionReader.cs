using SshKeep.Native;

namespace SshKeep.Config;

/// <summary>
/// Reads one map of the file into a <see cref="ConfigLayer"/> through <see cref="ConfigKeys.All"/>:
/// each key by its entry's reader, a map of keys the same way below it, reporting every unknown
/// key, bad value and key that <c>defaults</c> cannot take.
/// </summary>
internal sealed class ConfigSectionReader(ConfigErrorSink errors, string? home, string? pathVariable)
{
    public ConfigErrorSink Errors => errors;

    /// <summary>Expands <c>~</c>; null makes a path with <c>~</c> an error.</summary>
    public string? Home => home;

    // Hook programs are looked up in the daemon's PATH, which is where they run.
    public HooksReader Hooks { get; } = new(errors, home, pathVariable, ProgramSearch.IsExecutableFile);

    /// <summary>Whether the map being read is <c>defaults</c>, where a null removes nothing.</summary>
    public bool IsDefaults { get; private set; }

    /// <summary>ssh_options' spellings of health keys in the map being read (<see cref="SshOptionsReader"/>).</summary>
    public List<(ConfigKey Health, string Keyword, Located<object?> Value)> HealthOptions { get; } = [];

    public ConfigLayer ReadTop(ConfigMapping map)
    {
        var layer = new ConfigLayer();
        IsDefaults = false;
        Read(map, "", layer);
        return layer;
    }

    /// <summary>A tunnel's settings, over <paramref name="defaults"/>; or, with none, those of <c>defaults</c>.</summary>
    public ConfigLayer ReadTunnel(ConfigMapping map, ConfigLayer? defaults)
    {
        var layer = new ConfigLayer(defaults);
        IsDefaults = defaults is null;
        HealthOptions.Clear();
        Read(map, ConfigKeys.Tunnel, layer);
        SshOptionsReader.MoveHealthOptions(HealthOptions, layer, errors);
        return layer;
    }

    /// <summary>A map of the keys under <paramref name="parent"/> that is one value (a forward, a
    /// probe), in a layer of its own.</summary>
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
                if (UnknownKeys.Report(entry, known, errors, isSection: parent == ConfigKeys.Tunnel) is { } meant)
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
            else if (ConfigValueReader.Map(entry.Value, entry.Path, errors, key.MapOf!, out var inner))
            {
                layer.Values[key.Path] = ConfigKeyReads.At(entry, null);
                Read(inner, key.Path, layer);
            }
        }
    }
}
