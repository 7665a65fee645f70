namespace SshKeep.Config;

/// <summary>How the values of <see cref="ConfigKeys.All"/> are read: each reports one error that
/// quotes what was found and says what is accepted (through <see cref="ConfigValueReader"/>), and
/// is checked on its own here; rules between values come once the tunnel is built (<see cref="TunnelBuilder"/>).</summary>
internal static class ConfigKeyReads
{
    public static Located<object?> At(ConfigMappingEntry entry, object? value) => new(value, entry.Value, entry.Path);

    public static ConfigKeyRead Whole(int min, int max) => (entry, reader) =>
        ConfigValueReader.WholeNumber(entry.Value, entry.Path, reader.Errors, min, max, out var value) ? At(entry, value) : null;

    public static ConfigKeyRead Seconds(double min, double max, string? zeroMeans = null) => (entry, reader) =>
        ConfigValueReader.Seconds(entry.Value, entry.Path, reader.Errors, min, max, zeroMeans, out var value) ? At(entry, value) : null;

    public static ConfigKeyRead OneOf(IReadOnlyList<string> words) => (entry, reader) =>
        ConfigValueReader.OneOf(entry.Value, entry.Path, reader.Errors, words, out var word) ? At(entry, word) : null;

    /// <summary>A null value is the key unset on purpose (let ssh_config decide), overriding a default.</summary>
    public static ConfigKeyRead OrNull(ConfigKeyRead read) => (entry, reader) =>
        entry.Value is ConfigScalar { IsNull: true } ? At(entry, null) : read(entry, reader);

    public static Located<object?>? Boolean(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        ConfigValueReader.Boolean(entry.Value, entry.Path, reader.Errors, out var value) ? At(entry, value) : null;

    /// <summary>A map the loader reads on its own (<c>defaults</c>, <c>tunnels</c>): the entry itself.</summary>
    public static Located<object?>? Entry(ConfigMappingEntry entry, ConfigSectionReader reader) => At(entry, entry);

    public static Located<object?>? Version(ConfigMappingEntry entry, ConfigSectionReader reader)
    {
        // Room for a future format; today there is one.
        if (entry.Value is ConfigScalar { Value: "1" }) return At(entry, 1);
        ConfigValueReader.Fail(entry.Value, entry.Path, reader.Errors, "1 (the only version of this format)");
        return null;
    }

    public static Located<object?>? Listen(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Checked(entry, reader, HttpListen.Accepted, text => HttpListen.TryParse(text, out var listen, out var error) ? (listen, null) : (null, error));

    public static Located<object?>? Destination(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Checked(entry, reader, DestinationSyntax.Accepted, text => DestinationSyntax.Error(text) is { } error ? (null, error) : (text, null));

    public static Located<object?>? IdentityFile(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Checked(entry, reader, "a path to a private key", text => Expanded(text, reader.Home));

    public static Located<object?>? SshPath(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Checked(entry, reader, "a program name or absolute path", text =>
            // A bare name is looked up in PATH when ssh is started, as a shell would; a path must be absolute.
            text.Contains('/') || text.StartsWith('~') ? Expanded(text, reader.Home)
            : text.StartsWith('-') ? (null, $"{ConfigText.Quote(text)} starts with '-'; expected a program name or absolute path")
            : (text, null));

    /// <summary>The forwards that were valid; an empty list when none was (reported).</summary>
    public static Located<object?>? Forwards(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        At(entry, ForwardListReader.Read(entry, reader));

    public static Located<object?>? Hook(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        reader.Hooks.Command(entry, reader) is { } hook ? At(entry, hook.Value) : null;

    public static Located<object?>? ShellCommand(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        ConfigValueReader.Text(entry.Value, entry.Path, reader.Errors, "a shell command on one line", out var script) ? At(entry, script) : null;

    /// <summary>One line of text, then <paramref name="check"/>: the value, or the error to report at it.</summary>
    public static Located<object?>? Checked(ConfigMappingEntry entry, ConfigSectionReader reader, string accepted, Func<string, (object? Value, string? Error)> check)
    {
        if (!ConfigValueReader.Text(entry.Value, entry.Path, reader.Errors, accepted, out var text)) return null;
        var (value, error) = check(text);
        if (error is null) return At(entry, value);
        reader.Errors.Add(entry.Value, entry.Path, error);
        return null;
    }

    private static (object? Value, string? Error) Expanded(string path, string? home) =>
        HomePath.TryExpand(path, home, out var expanded, out var error) ? (expanded, null) : (null, error);
}
