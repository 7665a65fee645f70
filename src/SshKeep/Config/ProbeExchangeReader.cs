namespace SshKeep.Config;

/// <summary>A forward's <c>probe</c> map (docs/config.md, "probe"); values are bounded so a probe cannot be a flood.</summary>
internal static class ProbeExchangeReader
{
    /// <summary>In characters.</summary>
    public const int MaxLength = 1024;

    private const string Accepted = "a map with `send` and/or `expect`, or `http: /path`";

    private const string Probe = ConfigKeys.Forward + ".probe.";

    public static Located<object?>? Read(ConfigMappingEntry entry, ConfigSectionReader reader)
    {
        if (!ConfigKeyReads.Map(entry.Value, entry.Path, reader.Errors, Accepted, out var map)) return null;
        var layer = reader.ReadMap(map, ConfigKeys.Forward + ".probe");
        var (send, expect, http) = (layer.Own(Probe + "send")?.Value as string, layer.Own(Probe + "expect")?.Value as string, layer.Own(Probe + "http")?.Value as string);
        if (http is not null && (send is not null || expect is not null))
        {
            reader.Errors.Add(map, entry.Path, "`http` sends its own request; use either `http` or `send`/`expect`, not both");
            return null;
        }

        if (!layer.Complete) return null;
        if (send is null && expect is null && http is null)
        {
            reader.Errors.Add(map, entry.Path, $"an empty probe; expected {Accepted} (leave `probe` out to only open a connection)");
            return null;
        }

        return ConfigKeyReads.At(entry, new ProbeExchange(send, expect, http));
    }

    public static Located<object?>? Http(ConfigMappingEntry item, ConfigSectionReader reader) =>
        ConfigKeyReads.Checked(item, reader, "a path starting with '/'", path =>
            path.StartsWith('/') && !path.Contains(' ') && path.Length <= MaxLength ? (path, null)
            : (null, $"{ConfigText.Quote(path)} is not a path starting with '/', without spaces, at most {MaxLength} characters"));

    public static ConfigKeyRead Send { get; } =
        Bytes("CR, LF and TAB are the only control characters allowed", c => c is '\r' or '\n' or '\t');

    public static ConfigKeyRead Expect { get; } = Bytes("one line, no control characters", _ => false);

    private static ConfigKeyRead Bytes(string allowed, Func<char, bool> allowedControl) => (item, reader) =>
    {
        if (item.Value is not ConfigScalar { IsNull: false, Value.Length: > 0 } scalar)
        {
            ConfigKeyReads.Fail(item.Value, item.Path, reader.Errors, "non-empty text");
            return null;
        }

        var problem = scalar.Value.Any(c => char.IsControl(c) && !allowedControl(c)) ? $"contains a control character; {allowed}"
            : scalar.Value.Length > MaxLength ? $"is longer than {MaxLength} characters"
            : null;
        if (problem is null) return ConfigKeyReads.At(item, scalar.Value);
        reader.Errors.Add(item.Value, item.Path, $"{scalar.Describe()} {problem}");
        return null;
    };
}
