namespace SshKeep.Config;

/// <summary>A tunnel's <c>forwards</c>, each in the short or the long form (docs/config.md, "forwards").</summary>
internal static class ForwardListReader
{
    private const string OneForward = "a forward: `local: \"[bind:]port:host:hostport\"`, `remote: …`, `dynamic: \"[bind:]port\"`, or a map with `type`, `bind`, `port`, `to`";

    private const string Forward = ConfigKeys.Forward + ".";

    private const string RemoteHold = "a remote forward's port is the server's, which sshkeep cannot hold, so `hold` is not accepted here";

    private static readonly string[] ShortFormExtras = ["probe", "hold"];

    private const string DynamicProbe = "a dynamic forward has no target to talk to; its probe only checks that the SOCKS port listens, so `probe` is not accepted here";

    /// <summary>An empty list when there were none or none was valid (both reported).</summary>
    public static Located<object?>? Read(ConfigMappingEntry entry, ConfigSectionReader reader)
    {
        var errors = reader.Errors;
        var result = new List<Located<ForwardSpec>>();
        if (!ConfigKeyReads.List(entry.Value, entry.Path, errors, "a list of forwards", out var list))
        {
            return ConfigKeyReads.At(entry, result);
        }
        if (list.Items.Count == 0)
        {
            errors.Add(list, entry.Path, "no forwards; a tunnel needs at least one `local`, `remote` or `dynamic` forward");
            return ConfigKeyReads.At(entry, result);
        }
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            var path = ConfigText.Item(entry.Path, i);
            if (item is not ConfigMapping map)
            {
                // Fail is silent about a refused item (already reported).
                ConfigKeyReads.Fail(item, path, errors, OneForward);
                continue;
            }
            if ((map.Entries.Any(e => e.Name == "type") ? ReadLong(map, path, reader) : ReadShort(map, path, reader)) is { } forward)
            {
                result.Add(forward);
            }
        }
        return ConfigKeyReads.At(entry, result);
    }

    private static Located<ForwardSpec>? ReadShort(ConfigMapping map, string path, ConfigSectionReader reader)
    {
        var errors = reader.Errors;
        var probeEntry = map.Entries.FirstOrDefault(e => e.Name == "probe");
        var holdEntry = map.Entries.FirstOrDefault(e => e.Name == "hold");
        var forwardEntries = map.Entries.Where(e => !ShortFormExtras.Contains(e.Name)).ToList();
        if (forwardEntries.Count != 1)
        {
            var keys = string.Join(", ", forwardEntries.Select(e => ConfigText.Key(e.Name)));
            errors.Add(map, path, forwardEntries.Count == 0
                ? $"an empty map; expected {OneForward}"
                : $"one forward per list item: found keys {keys}; start each forward with its own '-'");
            return null;
        }
        var probe = probeEntry is null ? ProbeExchange.ConnectOnly : ProbeExchangeReader.Read(probeEntry, reader)?.Value as ProbeExchange;
        if (probe is null) return null;

        var entry = forwardEntries[0];
        if (!KebabName.TryParse(entry.Name, out ForwardKind kind))
        {
            reader.ReportUnknown(entry, [.. ConfigKeys.ForwardTypes, "type", .. ShortFormExtras]);
            return null;
        }
        if (kind == ForwardKind.Dynamic && probeEntry is not null)
        {
            errors.Add(probeEntry.Key, probeEntry.Path, DynamicProbe);
            return null;
        }
        if (kind == ForwardKind.Remote && holdEntry is not null)
        {
            errors.Add(holdEntry.Key, holdEntry.Path, RemoteHold);
            return null;
        }
        var hold = holdEntry is null ? ForwardSpec.DefaultHold : Hold(holdEntry, reader)?.Value as TimeSpan?;
        if (hold is null) return null;

        var read = ConfigKeyReads.Checked(entry, reader, ForwardParser.ShortSyntax(kind),
            text => ForwardParser.TryParse(kind, text, out var spec, out var error) ? (spec, null) : (null, error));
        return read?.Value is ForwardSpec spec
            ? new Located<ForwardSpec>(spec with { Probe = probe, Hold = hold.Value }, entry.Value, entry.Path) : null;
    }

    /// <summary>The port is read after the type, whose kind decides how port 0 is explained.</summary>
    private static Located<ForwardSpec>? ReadLong(ConfigMapping map, string path, ConfigSectionReader reader)
    {
        var errors = reader.Errors;
        var layer = reader.ReadMap(map, ConfigKeys.Forward);
        var errorsBefore = errors.Found;
        var kind = layer.Own(Forward + "type")?.Value is string type ? (KebabName.TryParse(type, out ForwardKind named) ? named : null) : (ForwardKind?)null;
        int? port = null;
        if (layer.Own(Forward + "port") is { Value: string text } portValue)
        {
            if (ForwardParser.ListenPortError(kind ?? ForwardKind.Local, text) is { } portError)
            {
                errors.Add(portValue.Node, portValue.Path, portError);
            }
            else
            {
                port = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else if (!layer.Written.Contains(Forward + "port"))
        {
            errors.Add(map, path, "the long form needs `port`, the listen port");
        }
        var probe = layer.Own(Forward + "probe")?.Value as ProbeExchange ?? ProbeExchange.ConnectOnly;
        if (kind == ForwardKind.Dynamic && !probe.IsConnectOnly)
        {
            errors.Add(map, path, DynamicProbe);
        }
        var holdEntry = map.Entries.FirstOrDefault(e => e.Name == "hold");
        if (kind == ForwardKind.Remote && holdEntry is not null)
        {
            errors.Add(holdEntry.Key, holdEntry.Path, RemoteHold);
        }
        var toEntry = map.Entries.FirstOrDefault(e => e.Name == "to");
        if (kind == ForwardKind.Dynamic && toEntry is not null)
        {
            errors.Add(toEntry.Key, toEntry.Path, "a dynamic forward is a SOCKS proxy and has no `to`; remove it");
        }
        else if (kind is ForwardKind.Local or ForwardKind.Remote && toEntry is null)
        {
            errors.Add(map, path, $"a {KebabName.Of(kind.Value)} forward needs `to: host:port`");
        }
        if (!layer.Complete || errors.Found != errorsBefore || kind is null || port is null)
        {
            return null;
        }
        var target = layer.Own(Forward + "to")?.Value as (string Host, int Port)?;
        var spec = new ForwardSpec(kind.Value, layer.Own(Forward + "bind")?.Value as string, port.Value, target?.Host, target?.Port)         {
            Probe = probe,
            Hold = layer.Own(Forward + "hold")?.Value as TimeSpan? ?? ForwardSpec.DefaultHold,
        };
        return new Located<ForwardSpec>(spec, map, path);
    }

    /// <summary>Brackets are optional: alone, an IPv6 address is unambiguous.</summary>
    public static Located<object?>? Bind(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        ConfigKeyReads.Checked(entry, reader, "* or " + HostSyntax.Accepted, text =>
            (text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text) is var bare &&
            ForwardParser.BindError(bare, bracketed: bare.Contains(':')) is { } error ? (null, error) : (bare, null));

    public static Located<object?>? Hold(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        ConfigKeyReads.Seconds(0.1, 3600, "let ssh listen itself")(entry, reader) is { Value: double seconds } read
            ? read with { Value = TimeSpan.FromSeconds(seconds) }
            : null;

    public static Located<object?>? Target(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        ConfigKeyReads.Checked(entry, reader, "host:port", ForwardParser.Target);

    /// <summary>As text: whether 0 is allowed depends on the type.</summary>
    public static Located<object?>? Port(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        ConfigKeyReads.Text(entry.Value, entry.Path, reader.Errors, "a whole number from 1 to 65535", out var text) ? ConfigKeyReads.At(entry, text) : null;
}
