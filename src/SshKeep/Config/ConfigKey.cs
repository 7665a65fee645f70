namespace SshKeep.Config;

/// <summary>Null when the value was wrong (reported); a null value is the key set to null.</summary>
internal delegate Located<object?>? ConfigKeyRead(ConfigMappingEntry entry, ConfigSectionReader reader);

/// <param name="Path">Dotted: <c>ready_timeout</c>, <c>tunnels.NAME.forwards[N].local</c>.</param>
/// <param name="Heading">The section of sshkeep-tunnels(5) that describes it.</param>
/// <param name="Summary">In phrases of the man page's entry.</param>
internal sealed record ConfigKey(string Path, string Heading, string Summary)
{
    /// <summary>Null for a map of the keys below it (read through their entries when <see cref="MapOf"/>
    /// says what the map is) and for keys their parent's reader reads (a forward's, a hook's <c>shell</c>).</summary>
    public ConfigKeyRead? Read { get; init; }

    /// <summary>For a map of keys: what the error for a value that is not a map expects.</summary>
    public string? MapOf { get; init; }

    public bool InDefaults { get; init; }

    public string? SshKeyword { get; init; }

    public object? Default { get; init; }

    /// <summary>On a <see cref="SshKeepConfig"/> or a <see cref="TunnelConfig"/>.</summary>
    public Func<object, object?, object>? Set { get; init; }

    /// <summary>Without it the tunnel's value replaces the one from <c>defaults</c>.</summary>
    public Func<Located<object?>?, Located<object?>?, Located<object?>?>? Merge { get; init; }

    public string Key => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>Empty for a top-level key.</summary>
    public string Parent => Path.LastIndexOf('.') is var dot and >= 0 ? Path[..dot] : "";

    public string? DefaultsPath => InDefaults ? "defaults" + Path[ConfigKeys.Tunnel.Length..] : null;
}
