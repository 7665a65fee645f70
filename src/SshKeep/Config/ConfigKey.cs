namespace SshKeep.Config;

/// <summary>How one key's value is read: null when it was wrong (reported); a null value is the key set to null.</summary>
internal delegate Located<object?>? ConfigKeyRead(ConfigMappingEntry entry, ConfigSectionReader reader);

/// <summary>One key of the tunnels file, as <see cref="ConfigKeys.All"/> lists them.</summary>
/// <param name="Path">The key's dotted path: <c>ready_timeout</c>, <c>tunnels.NAME.health.probe_interval</c>,
/// <c>tunnels.NAME.forwards[N].local</c> (NAME a tunnel's name, N a forward's place in its list).</param>
/// <param name="Heading">The section of sshkeep-tunnels(5) that describes it.</param>
/// <param name="Summary">What it takes and its default, in phrases of the man page's entry.</param>
internal sealed record ConfigKey(string Path, string Heading, string Summary)
{
    /// <summary>Null for a map of the keys below it (read through their entries when <see cref="MapOf"/>
    /// says what the map is) and for keys their parent's reader reads (a forward's, a hook's <c>shell</c>).</summary>
    public ConfigKeyRead? Read { get; init; }

    /// <summary>For a map of keys: what the error for a value that is not a map says is expected.</summary>
    public string? MapOf { get; init; }

    public bool InDefaults { get; init; }

    /// <summary>This <c>health</c> key's other spelling inside <c>ssh_options</c>.</summary>
    public string? SshKeyword { get; init; }

    /// <summary>The built-in value: what the loaded record holds when no section sets it.</summary>
    public object? Default { get; init; }

    /// <summary>The record (<see cref="SshKeepConfig"/> or <see cref="TunnelConfig"/>) with the value put in its place.</summary>
    public Func<object, object?, object>? Set { get; init; }

    /// <summary>The tunnel's value over the one from <c>defaults</c>; without it the tunnel's replaces the default's.</summary>
    public Func<Located<object?>?, Located<object?>?, Located<object?>?>? Merge { get; init; }

    /// <summary>The path's last part (<c>probe_interval</c>).</summary>
    public string Key => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The path of the map the key is in: empty for a top-level key.</summary>
    public string Parent => Path.LastIndexOf('.') is var dot and >= 0 ? Path[..dot] : "";

    public string? DefaultsPath => InDefaults ? "defaults" + Path[ConfigKeys.Tunnel.Length..] : null;
}
