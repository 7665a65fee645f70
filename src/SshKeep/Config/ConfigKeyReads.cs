namespace SshKeep.Config;

/// <summary>How the values of <see cref="ConfigKeys.All"/> are read, each alone, from their text, not by YAML typing
/// (docs/config.md, "The YAML sshkeep reads").</summary>
internal static partial class ConfigKeyReads
{
    public static Located<object?> At(ConfigMappingEntry entry, object? value) => new(value, entry.Value, entry.Path);

    public static ConfigKeyRead Whole(int min, int max) => Scalar(
        $"a whole number from {ConfigText.Number(min)} to {ConfigText.Number(max)}",
        text => WholeNumberSyntax().IsMatch(text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) &&
                value >= min && value <= max ? value : null);

    /// <summary><paramref name="zeroMeans"/> names what 0 does where 0 is accepted besides the range.</summary>
    public static ConfigKeyRead Seconds(double min, double max, string? zeroMeans = null) => Scalar(
        $"a number of seconds from {ConfigText.Seconds(min)} to {ConfigText.Seconds(max)}" + (zeroMeans is null ? "" : $", or 0 to {zeroMeans}"),
        text => DecimalSyntax().IsMatch(text) && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) &&
                ((value >= min && value <= max) || (value == 0 && zeroMeans is not null)) ? value : null);

    /// <summary>Matched exactly: the words are documented lower-case.</summary>
    public static ConfigKeyRead OneOf(IReadOnlyList<string> words) => Scalar(
        "one of " + string.Join(", ", words.Select(ConfigText.Key)), text => words.Contains(text) ? text : null,
        text => KeySuggestion.Closest(text, words) is { } suggestion ? $"; did you mean {ConfigText.Key(suggestion)}?" : "");

    /// <summary><c>true</c>/<c>false</c>; <c>yes</c>/<c>no</c> too, since YAML 1.1 taught people those.</summary>
    public static ConfigKeyRead TrueOrFalse { get; } = Scalar("true or false", text => text.ToLowerInvariant() switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => null,
    });

    // Room for a future format; today there is one.
    public static ConfigKeyRead OnlyVersion { get; } = Scalar("1 (the only version of this format)", text => text == "1" ? 1 : null);

    /// <summary>A null value unsets the key on purpose (let ssh_config decide), overriding a default.</summary>
    public static ConfigKeyRead OrNull(ConfigKeyRead read) => (entry, reader) =>
        entry.Value is ConfigScalar { IsNull: true } ? At(entry, null) : read(entry, reader);

    /// <summary>For a map the loader reads on its own (<c>defaults</c>, <c>tunnels</c>).</summary>
    public static Located<object?>? Entry(ConfigMappingEntry entry, ConfigSectionReader reader) => At(entry, entry);

    public static Located<object?>? Listen(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Checked(entry, reader, HttpListen.Accepted, text => HttpListen.TryParse(text, out var listen, out var error) ? (listen, null) : (null, error));

    /// <summary>One destination, or a list of them (docs/config.md, "A tunnel").</summary>
    public static Located<object?>? Destination(ConfigMappingEntry entry, ConfigSectionReader reader)
    {
        if (entry.Value is not ConfigSequence list)
        {
            return DestinationAt(entry.Value, entry.Path, reader.Errors) is { } one ? At(entry, new List<string> { one }) : null;
        }

        var errors = reader.Errors;
        if (list.Items.Count is 0 or > ConfigKeys.MaxDestinations)
        {
            errors.Add(list, entry.Path,
                $"a list of {ConfigText.Number(list.Items.Count)} destinations; expected 1 to {ConfigText.Number(ConfigKeys.MaxDestinations)}, tried in order");
            return null;
        }

        var destinations = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = ConfigText.Item(entry.Path, i);
            var destination = DestinationAt(list.Items[i], path, errors);
            if (destination is not null && destinations.IndexOf(destination) is var first and >= 0)
            {
                errors.Add(list.Items[i], path,
                    $"{ConfigText.Quote(destination)} is listed twice (first as {ConfigText.Item("destination", first)}); list each server once");
                destination = null;
            }

            if (destination is not null) destinations.Add(destination);
        }

        return destinations.Count == list.Items.Count ? At(entry, destinations) : null;
    }

    private static string? DestinationAt(ConfigNode node, string path, ConfigErrorSink errors)
    {
        if (!Text(node, path, errors, HostSyntax.DestinationAccepted, out var text)) return null;
        if (HostSyntax.DestinationError(text) is not { } error) return text;
        errors.Add(node, path, error);
        return null;
    }

    public static Located<object?>? IdentityFile(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Checked(entry, reader, "a path to a private key", text => Expanded(text, reader.Home));

    public static Located<object?>? SshPath(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Checked(entry, reader, "a program name or absolute path", text =>
            // A bare name is looked up in PATH when ssh is started, as a shell would; a path must be absolute.
            text.Contains('/') || text.StartsWith('~') ? Expanded(text, reader.Home)
            : text.StartsWith('-') ? (null, $"{ConfigText.Quote(text)} starts with '-'; expected a program name or absolute path")
            : (text, null));

    public static Located<object?>? ShellCommand(ConfigMappingEntry entry, ConfigSectionReader reader) =>
        Text(entry.Value, entry.Path, reader.Errors, "a shell command on one line", out var script) ? At(entry, script) : null;

    public static Located<object?>? Checked(ConfigMappingEntry entry, ConfigSectionReader reader, string accepted, Func<string, (object? Value, string? Error)> check)
    {
        if (!Text(entry.Value, entry.Path, reader.Errors, accepted, out var text)) return null;
        var (value, error) = check(text);
        if (error is null) return At(entry, value);
        reader.Errors.Add(entry.Value, entry.Path, error);
        return null;
    }

    /// <summary>An empty (null) value counts as an empty map.</summary>
    public static bool Map(ConfigNode node, string path, ConfigErrorSink errors, string accepted, [NotNullWhen(true)] out ConfigMapping? map) =>
        (map = Container(node, path, errors, accepted, s => new ConfigMapping(s.Line, s.Column, []))) is not null;

    /// <summary>An empty (null) value counts as an empty list.</summary>
    public static bool List(ConfigNode node, string path, ConfigErrorSink errors, string accepted, [NotNullWhen(true)] out ConfigSequence? list) =>
        (list = Container(node, path, errors, accepted, s => new ConfigSequence(s.Line, s.Column, []))) is not null;

    public static bool Text(ConfigNode node, string path, ConfigErrorSink errors, string accepted, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (node is not ConfigScalar { IsNull: false } scalar || scalar.Value.Length == 0)
        {
            Fail(node, path, errors, accepted);
            return false;
        }

        if (scalar.Value.Any(char.IsControl))
        {
            errors.Add(node, path, $"{scalar.Describe()} contains a control character (newline, tab…); expected {accepted} on one line");
            return false;
        }

        text = scalar.Value;
        return true;
    }

    public static void Fail(ConfigNode node, string path, ConfigErrorSink errors, string accepted, string suffix = "")
    {
        var message = node switch
        {
            ConfigRefused => null,
            ConfigScalar { IsNull: true } => $"no value; expected {accepted}{suffix}",
            ConfigScalar { Value.Length: 0 } => $"empty text; expected {accepted}{suffix}",
            ConfigScalar scalar => $"{scalar.Describe()} is not {accepted}{suffix}",
            _ => $"expected {accepted}, found {node.Describe()}{suffix}",
        };
        if (message is not null) errors.Add(node, path, message);
    }

    /// <summary><paramref name="parse"/> returns null to refuse; <paramref name="hint"/> is added to the error.</summary>
    private static ConfigKeyRead Scalar(string accepted, Func<string, object?> parse, Func<string, string>? hint = null) => (entry, reader) =>
    {
        var text = entry.Value is ConfigScalar { IsNull: false } scalar ? scalar.Value : null;
        if (text is not null && parse(text) is { } value) return At(entry, value);
        Fail(entry.Value, entry.Path, reader.Errors, accepted, text is null || hint is null ? "" : hint(text));
        return null;
    };

    private static T? Container<T>(ConfigNode node, string path, ConfigErrorSink errors, string accepted, Func<ConfigScalar, T> empty)
        where T : ConfigNode
    {
        var container = node as T ?? (node is ConfigScalar { IsNull: true } s ? empty(s) : null);
        if (container is null) Fail(node, path, errors, accepted);
        return container;
    }

    /// <summary><c>~name</c> is refused rather than looked up, to keep loading pure; the result must be absolute, since a
    /// daemon's working directory is rarely the user's.</summary>
    public static (string? Value, string? Error) Expanded(string path, string? home)
    {
        var tilde = path == "~" || path.StartsWith("~/", StringComparison.Ordinal);
        var error = tilde && home is not ['/', ..]
                ? $"{ConfigText.Quote(path)} starts with ~ but HOME is not set to an absolute path; write the full path"
            : tilde ? null
            : path.StartsWith('~') ? $"{ConfigText.Quote(path)}: only ~ and ~/ are expanded (the user running sshkeep); write the full path"
            : !path.StartsWith('/') ? $"{ConfigText.Quote(path)} is relative; write an absolute path or one starting with ~/"
            : null;
        return error is not null ? (null, error)
            : tilde ? (home!.TrimEnd('/') + path[1..] is { Length: > 0 } expanded ? expanded : "/", null)
            : (path, null);
    }

    // At most 9 digits so the parse cannot overflow; the range check follows.
    [GeneratedRegex("^[0-9]{1,9}$")]
    private static partial Regex WholeNumberSyntax();

    [GeneratedRegex(@"^(?:[0-9]{1,9}(?:\.[0-9]{0,9})?|\.[0-9]{1,9})$")]
    private static partial Regex DecimalSyntax();
}
