namespace SshKeep.Config;

/// <summary>
/// A forward's <c>probe</c> map: <c>send</c> and <c>expect</c>, or <c>http</c>.
/// <c>send</c> may hold CR, LF and TAB (protocols want "PING\r\n"); nothing else may hold a
/// control character. Values are bounded so a probe cannot be made into a flood.
/// </summary>
internal static class ProbeExchangeReader
{
    /// <summary>Longest <c>send</c> or <c>expect</c>, in characters.</summary>
    public const int MaxLength = 1024;

    private const string Accepted = "a map with `send` and/or `expect`, or `http: /path`";

    /// <summary>The exchange; null when the value was wrong (reported).</summary>
    public static ProbeExchange? Read(ConfigMappingEntry entry, ConfigErrorSink errors)
    {
        if (!ConfigValueReader.Map(entry.Value, entry.Path, errors, Accepted, out var map)) return null;
        string? send = null, expect = null, http = null;
        var ok = true;
        foreach (var item in map.Entries)
        {
            switch (item.Name)
            {
                case "send":
                    ok &= Bytes(item, errors, allowLineBreaks: true, out send);
                    break;
                case "expect":
                    ok &= Bytes(item, errors, allowLineBreaks: false, out expect);
                    break;
                case "http":
                    if (ConfigValueReader.Text(item.Value, item.Path, errors, "a path starting with '/'", out var path) && path.StartsWith('/') &&
                        !path.Contains(' ') && path.Length <= MaxLength)
                    {
                        http = path;
                    }
                    else
                    {
                        if (path is not null) ConfigValueReader.Fail(item.Value, item.Path, errors, $"a path starting with '/', without spaces, at most {MaxLength} characters");
                        ok = false;
                    }

                    break;
                default:
                    UnknownKeys.Report(item, ConfigKeys.Names(ConfigKeys.Forward + ".probe"), errors);
                    ok = false;
                    break;
            }
        }

        if (http is not null && (send is not null || expect is not null))
        {
            errors.Add(map, entry.Path, "`http` sends its own request; use either `http` or `send`/`expect`, not both");
            return null;
        }

        if (!ok) return null;
        if (send is null && expect is null && http is null)
        {
            errors.Add(map, entry.Path, $"an empty probe; expected {Accepted} (leave `probe` out to only open a connection)");
            return null;
        }

        return new ProbeExchange(send, expect, http);
    }

    private static bool Bytes(ConfigMappingEntry item, ConfigErrorSink errors, bool allowLineBreaks, out string? value)
    {
        value = null;
        if (item.Value is not ConfigScalar { IsNull: false } scalar || scalar.Value.Length == 0)
        {
            ConfigValueReader.Fail(item.Value, item.Path, errors, "non-empty text");
            return false;
        }

        var allowed = allowLineBreaks ? "CR, LF and TAB are the only control characters allowed" : "one line, no control characters";
        if (scalar.Value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\r' or '\n' or '\t')))
        {
            errors.Add(item.Value, item.Path, $"{scalar.Describe()} contains a control character; {allowed}");
            return false;
        }

        if (scalar.Value.Length > MaxLength)
        {
            errors.Add(item.Value, item.Path, $"{scalar.Describe()} is longer than {MaxLength} characters");
            return false;
        }

        value = scalar.Value;
        return true;
    }
}
