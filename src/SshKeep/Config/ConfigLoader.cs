namespace SshKeep.Config;

/// <summary>Never throws on bad input: hostile and unreadable files are errors like any other (docs/config.md).</summary>
internal static class ConfigLoader
{
    /// <summary>In bytes: a tunnels file of a thousand tunnels is ~200 KiB.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The format itself needs 5.</summary>
    public const int MaxDepth = 16;

    /// <summary>Each copies the defaults, so this bounds what a small hostile file builds.</summary>
    public const int MaxTunnels = 1000;

    /// <summary>Per section; ssh_config has about 100 keywords.</summary>
    public const int MaxSshOptions = 200;

    public const string PathVariable = "SSHKEEP_CONFIG";

    /// <summary>docs/config.md, "Where the file is".</summary>
    public static string DefaultPath(bool isRoot, IReadOnlyDictionary<string, string> env)
    {
        const string Tail = "sshkeep/tunnels.yaml";
        return isRoot ? "/etc/" + Tail
            : env.TryGetValue("XDG_CONFIG_HOME", out var xdg) && xdg.StartsWith('/') ? $"{xdg.TrimEnd('/')}/{Tail}"
            : env.TryGetValue("HOME", out var home) && home.StartsWith('/') ? $"{home.TrimEnd('/')}/.config/{Tail}"
            : "~/.config/" + Tail;
    }

    /// <summary><see cref="SshKeepConfig.Path"/> is made absolute; errors name the path as given.</summary>
    public static ConfigLoadResult Load(string path, string? homeDirectory, string? pathVariable = null)
    {
        var (text, readError) = ReadText(path);
        var result = text is null ? Unread(path, readError!) : Parse(text, path, homeDirectory, pathVariable);
        return result is ConfigLoadResult.Valid valid
            ? new ConfigLoadResult.Valid(valid.Config with { Path = Path.GetFullPath(path) })
            : result;
    }

    /// <summary>Pure but for hooks, whose programs are looked up in <paramref name="pathVariable"/>.</summary>
    public static ConfigLoadResult Parse(string yamlText, string displayPath, string? homeDirectory, string? pathVariable = null)
    {
        var errors = new ConfigErrorSink(displayPath);
        var size = Encoding.UTF8.GetByteCount(yamlText);
        if (size > MaxFileBytes)
        {
            return Unread(displayPath, TooBig(size));
        }

        // A byte order mark is not YAML content to YamlDotNet; editors on some systems write one.
        var root = ConfigTreeReader.Read(yamlText.StartsWith('\uFEFF') ? yamlText[1..] : yamlText, errors);
        var config = new ConfigSectionReader(errors, homeDirectory, pathVariable).ReadDocument(root, displayPath);
        return config is not null && !errors.HasErrors
            ? new ConfigLoadResult.Valid(config)
            : new ConfigLoadResult.Invalid(displayPath, errors.ToList(), errors.More);
    }

    private static ConfigLoadResult Unread(string path, string message) =>
        new ConfigLoadResult.Invalid(path, [new ConfigError(path, 0, 0, "", message)]);

    private static string TooBig(long bytes) =>
        $"the file is larger than {MaxFileBytes / 1024} KiB ({bytes} bytes); a tunnels file is far smaller, so it is not read";

    /// <summary>Read at most one byte past the limit: a hostile path such as /dev/zero cannot make us read forever.</summary>
    private static (string? Text, string? Error) ReadText(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return (null, "is a directory; expected a tunnels file (YAML)");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxFileBytes + 1];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (length > MaxFileBytes)
            {
                return (null, TooBig(stream.CanSeek ? stream.Length : length));
            }

            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            return (strict.GetString(buffer, 0, length), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return (null, e switch
            {
                FileNotFoundException or DirectoryNotFoundException =>
                    "cannot read: no such file; create it (docs/examples/tunnels.yaml is a start) or name another with -c FILE",
                UnauthorizedAccessException => "cannot read: permission denied",
                DecoderFallbackException => "is not UTF-8 text; save it as UTF-8",
                _ => $"cannot read: {e.Message}",
            });
        }
    }
}
