namespace SshKeep.Config;

/// <summary>A section's <c>ssh_options</c> (docs/config.md, "ssh_options").</summary>
internal static class SshOptionsReader
{
    /// <summary>The health keys' spellings go to <see cref="ConfigSectionReader.HealthOptions"/> instead.</summary>
    public static Located<object?>? Read(ConfigMappingEntry entry, ConfigSectionReader reader)
    {
        var errors = reader.Errors;
        if (!ConfigKeyReads.Map(entry.Value, entry.Path, errors, "a map of ssh options (Keyword: value)", out var map))
        {
            return null;
        }

        if (map.Entries.Count > ConfigLoader.MaxSshOptions)
        {
            errors.Add(entry.Key, entry.Path,
                $"{ConfigText.Number(map.Entries.Count)} options; a section holds at most {ConfigText.Number(ConfigLoader.MaxSshOptions)}");
            return null;
        }

        var options = new List<SshOptionDraft>();
        var seen = new Dictionary<string, ConfigScalar>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in map.Entries)
        {
            var key = option.Name;
            // Only a keyword of good syntax is remembered (TryAdd).
            var problem = !SshOptionRules.IsKeywordSyntax(key)
                    ? $"{ConfigText.Quote(key)} is not an ssh_config keyword; expected letters and digits, like ServerAliveInterval"
                : !seen.TryAdd(key, option.Key) && seen[key] is var first
                    ? $"{ConfigText.Key(key)} is already set as {ConfigText.Key(first.Value)} on line {ConfigText.Number(first.Line)} (ssh keywords ignore case); set it once"
                : !SshKeywords.IsKnown(key) && KeySuggestion.Closest(key, SshKeywords.Known) is { } suggestion
                    ? $"unknown ssh option {ConfigText.Key(key)}; did you mean {ConfigText.Key(suggestion)}?"
                : null;
            if (problem is not null)
            {
                errors.Add(option.Key, option.Path, problem);
                continue;
            }

            if (ConfigKeys.All.FirstOrDefault(k => k.SshKeyword is { } keyword && SshOptionRules.Is(key, keyword)) is { } health)
            {
                if (health.Read!(option, reader) is { } number) reader.HealthOptions.Add((health, key, number));
                continue;
            }

            string? value = null;
            var isNull = option.Value is ConfigScalar { IsNull: true };
            if (isNull && reader.IsDefaults)
            {
                errors.Add(option.Value, option.Path, "no value; expected the option's value (a null value removes an inherited option, and only in a tunnel)");
            }
            else if (!isNull && ConfigKeyReads.Text(option.Value, option.Path, errors, "the option's value", out value)
                     && SshOptionRules.Refusal(key, value) is { } reason)
            {
                errors.Add(option.Value, option.Path, $"{key} {ConfigText.Quote(value)} is refused: {reason}");
            }
            else if (isNull || value is not null)
            {
                options.Add(new SshOptionDraft(key, value, option.Key, option.Path));
            }
        }

        return ConfigKeyReads.At(entry, options);
    }

    /// <summary>docs/config.md, "ssh_options": keepalive options are health settings.</summary>
    public static void MoveHealthOptions(IEnumerable<(ConfigKey Health, string Keyword, Located<object?> Value)> options, ConfigLayer layer, ConfigErrorSink errors)
    {
        foreach (var (health, keyword, value) in options)
        {
            if (layer.Own(health.Path) is { } set && !Equals(set.Value, value.Value))
            {
                errors.Add(value.Node, value.Path,
                    $"{keyword} {ConfigText.Number((int)value.Value!)} disagrees with health.{health.Key} {ConfigText.Number((int)set.Value!)} (line {ConfigText.Number(set.Node.Line)}); set one of them");
                continue;
            }

            layer.Values[health.Path] = value;
        }
    }

    /// <summary>Defaults' options in their order, each replaced by the tunnel's, then the tunnel's new ones.</summary>
    public static Located<object?>? Merge(Located<object?>? tunnelOptions, Located<object?>? defaultsOptions)
    {
        if ((tunnelOptions ?? defaultsOptions) is not { } at) return null;
        var tunnel = tunnelOptions?.Value as List<SshOptionDraft> ?? [];
        var defaults = defaultsOptions?.Value as List<SshOptionDraft> ?? [];
        var merged = defaults.Select(d => tunnel.FirstOrDefault(t => SshOptionRules.Is(t.Key, d.Key)) ?? d).ToList();
        merged.AddRange(tunnel.Where(t => !defaults.Any(d => SshOptionRules.Is(d.Key, t.Key))));
        return at with { Value = merged.Where(o => o.Value is not null).ToList() };
    }
}
