namespace SshKeep.Config;

/// <summary>Reads the top-level <c>http:</c> section (<see cref="HttpSettings"/>), reporting every bad key and value.</summary>
internal static class HttpSectionReader
{
    /// <summary>The settings, or null when the section had an error (reported to <paramref name="errors"/>).</summary>
    public static HttpSettings? Read(ConfigMappingEntry section, ConfigErrorSink errors)
    {
        if (!ConfigValueReader.Map(section.Value, section.Path, errors, "a map with `listen:` (ADDRESS:PORT)", out var map))
        {
            return null;
        }

        var settings = new HttpSettings();
        var valid = true;
        foreach (var entry in map.Entries)
        {
            switch (entry.Name)
            {
                case "listen":
                    if (!ConfigValueReader.Text(entry.Value, entry.Path, errors, HttpListen.Accepted, out var text))
                    {
                        valid = false;
                    }
                    else if (HttpListen.TryParse(text, out var listen, out var error))
                    {
                        settings = settings with { Listen = listen };
                    }
                    else
                    {
                        errors.Add(entry.Value, entry.Path, error);
                        valid = false;
                    }

                    break;
                default:
                    UnknownKeys.Report(entry, ConfigKeys.Http, errors);
                    valid = false;
                    break;
            }
        }

        return valid ? settings : null;
    }
}
