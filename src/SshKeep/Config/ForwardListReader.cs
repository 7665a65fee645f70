namespace SshKeep.Config;

/// <summary>
/// A tunnel's <c>forwards</c>: a list whose items are either the short form, one key naming the
/// kind with ssh's own syntax (<c>local: "127.0.0.1:8080:db:5432"</c>), or the long form, a map
/// with <c>type</c>, <c>bind</c>, <c>port</c> and <c>to</c>.
/// </summary>
internal static class ForwardListReader
{
    private const string OneForward = "a forward: `local: \"[bind:]port:host:hostport\"`, `remote: …`, `dynamic: \"[bind:]port\"`, or a map with `type`, `bind`, `port`, `to`";

    /// <summary>The long form's keys: a forward's keys but those that name the kind in the short form.</summary>
    private static readonly IReadOnlyList<string> LongForm = [.. ConfigKeys.Names(ConfigKeys.Forward).Except(ConfigKeys.ForwardTypes)];

    private const string DynamicProbe = "a dynamic forward has no target to talk to; its probe only checks that the SOCKS port listens, so `probe` is not accepted here";

    /// <summary>The valid forwards; an empty list when there were none or none was valid (both reported).</summary>
    public static List<Located<ForwardSpec>> Read(ConfigMappingEntry entry, ConfigErrorSink errors)
    {
        var result = new List<Located<ForwardSpec>>();
        if (!ConfigValueReader.List(entry.Value, entry.Path, errors, "a list of forwards", out var list))
        {
            return result;
        }

        if (list.Items.Count == 0)
        {
            // Decision (docs/config.md): a tunnel without forwards holds a session that carries
            // nothing and that sshkeep cannot probe, so it is a mistake, not a warning.
            errors.Add(list, entry.Path, "no forwards; a tunnel needs at least one `local`, `remote` or `dynamic` forward");
            return result;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            var path = ConfigText.Item(entry.Path, i);
            if (item is ConfigRefused)
            {
                continue;
            }

            if (item is not ConfigMapping map)
            {
                ConfigValueReader.Fail(item, path, errors, OneForward);
                continue;
            }

            var forward = map.Entries.Any(e => e.Name == "type")
                ? ReadLong(map, path, errors)
                : ReadShort(map, path, errors);
            if (forward is { } found)
            {
                result.Add(found);
            }
        }

        return result;
    }

    private static Located<ForwardSpec>? ReadShort(ConfigMapping map, string path, ConfigErrorSink errors)
    {
        var probeEntry = map.Entries.FirstOrDefault(e => e.Name == "probe");
        var forwardEntries = map.Entries.Where(e => e.Name != "probe").ToList();
        if (forwardEntries.Count != 1)
        {
            var keys = string.Join(", ", forwardEntries.Select(e => ConfigText.Key(e.Name)));
            errors.Add(map, path, forwardEntries.Count == 0
                ? $"an empty map; expected {OneForward}"
                : $"one forward per list item: found keys {keys}; start each forward with its own '-'");
            return null;
        }

        var probe = ProbeExchange.ConnectOnly;
        if (probeEntry is not null)
        {
            if (ProbeExchangeReader.Read(probeEntry, errors) is not { } read) return null;
            probe = read;
        }

        var entry = forwardEntries[0];
        ForwardKind? kind = entry.Name switch
        {
            "local" => ForwardKind.Local,
            "remote" => ForwardKind.Remote,
            "dynamic" => ForwardKind.Dynamic,
            _ => null,
        };
        if (kind is null)
        {
            UnknownKeys.Report(entry, [.. ConfigKeys.ForwardTypes, "type", "probe"], errors);
            return null;
        }

        if (kind == ForwardKind.Dynamic && probeEntry is not null)
        {
            errors.Add(probeEntry.Key, probeEntry.Path, DynamicProbe);
            return null;
        }

        if (!ConfigValueReader.Text(entry.Value, entry.Path, errors, ForwardParser.ShortSyntax(kind.Value), out var text))
        {
            return null;
        }

        if (!ForwardParser.TryParse(kind.Value, text, out var spec, out var error))
        {
            errors.Add(entry.Value, entry.Path, error);
            return null;
        }

        return new Located<ForwardSpec>(spec with { Probe = probe }, entry.Value, entry.Path);
    }

    private static Located<ForwardSpec>? ReadLong(ConfigMapping map, string path, ConfigErrorSink errors)
    {
        ForwardKind? kind = null;
        string? bind = null;
        int? port = null;
        (string Host, int Port)? target = null;
        ConfigMappingEntry? portEntry = null, toEntry = null;
        var probe = ProbeExchange.ConnectOnly;
        var ok = true;

        foreach (var entry in map.Entries)
        {
            switch (entry.Name)
            {
                case "type":
                    if (ConfigValueReader.OneOf(entry.Value, entry.Path, errors, ConfigKeys.ForwardTypes, out var type))
                    {
                        kind = Enum.Parse<ForwardKind>(type, ignoreCase: true);
                    }
                    else
                    {
                        ok = false;
                    }

                    break;
                case "bind":
                    if (ConfigValueReader.Text(entry.Value, entry.Path, errors, "* or " + HostSyntax.Accepted, out var b))
                    {
                        // Brackets are optional here: the value is alone, so an IPv6 address is unambiguous.
                        var bare = b.StartsWith('[') && b.EndsWith(']') ? b[1..^1] : b;
                        if (ForwardParser.BindError(bare, bracketed: bare.Contains(':')) is { } bindError)
                        {
                            errors.Add(entry.Value, entry.Path, bindError);
                            ok = false;
                        }
                        else
                        {
                            bind = bare;
                        }
                    }
                    else
                    {
                        ok = false;
                    }

                    break;
                case "port":
                    portEntry = entry;
                    break;
                case "probe":
                    if (ProbeExchangeReader.Read(entry, errors) is { } read) probe = read;
                    else ok = false;
                    break;
                case "to":
                    toEntry = entry;
                    if (ConfigValueReader.Text(entry.Value, entry.Path, errors, "host:port", out var to))
                    {
                        if (ForwardParser.TryParseTarget(to, out var host, out var targetPort, out var toError))
                        {
                            target = (host, targetPort);
                        }
                        else
                        {
                            errors.Add(entry.Value, entry.Path, toError);
                            ok = false;
                        }
                    }
                    else
                    {
                        ok = false;
                    }

                    break;
                default:
                    UnknownKeys.Report(entry, LongForm, errors);
                    ok = false;
                    break;
            }
        }

        // The port is read after the type, whose kind decides how port 0 is explained.
        if (portEntry is not null)
        {
            if (ConfigValueReader.Text(portEntry.Value, portEntry.Path, errors, "a whole number from 1 to 65535", out var text) &&
                ForwardParser.ListenPortError(kind ?? ForwardKind.Local, text) is { } portError)
            {
                errors.Add(portEntry.Value, portEntry.Path, portError);
                ok = false;
            }
            else if (text is not null)
            {
                port = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                ok = false;
            }
        }
        else
        {
            errors.Add(map, path, "the long form needs `port`, the listen port");
            ok = false;
        }

        if (kind == ForwardKind.Dynamic && !probe.IsConnectOnly)
        {
            errors.Add(map, path, DynamicProbe);
            ok = false;
        }

        if (kind == ForwardKind.Dynamic && toEntry is not null)
        {
            errors.Add(toEntry.Key, toEntry.Path, "a dynamic forward is a SOCKS proxy and has no `to`; remove it");
            ok = false;
        }
        else if (kind is ForwardKind.Local or ForwardKind.Remote && toEntry is null)
        {
            errors.Add(map, path, $"a {kind.Value.ToString().ToLowerInvariant()} forward needs `to: host:port`");
            ok = false;
        }

        if (!ok || kind is null || port is null)
        {
            return null;
        }

        var spec = new ForwardSpec(kind.Value, bind, port.Value, target?.Host, target?.Port) { Probe = probe };
        return new Located<ForwardSpec>(spec, map, path);
    }
}
