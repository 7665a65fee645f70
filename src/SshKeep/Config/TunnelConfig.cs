namespace SshKeep.Config;

/// <summary>One named tunnel, defaults applied; each value's key, bounds and meaning: <see cref="ConfigKeys.All"/>.</summary>
internal sealed record TunnelConfig
{
    /// <summary>The ssh a tunnel runs without <c>ssh_path</c>: looked up in PATH.</summary>
    public const string DefaultSshPath = "ssh";

    public required string Name { get; init; }

    /// <summary>The servers, tried in order (docs/daemon.md, "Several servers: failover"); never empty.</summary>
    public required IReadOnlyList<string> Destinations { get; init; }

    /// <summary>The first of <see cref="Destinations"/>: the server of a tunnel that has one.</summary>
    public string Destination => Destinations[0];

    public int? Port { get; init; }

    public string? IdentityFile { get; init; }

    public string SshPath { get; init; } = DefaultSshPath;

    /// <summary>Extra <c>-o Key=Value</c> options, in file order. They win over sshkeep's defaults.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SshOptions { get; init; } = [];

    public IReadOnlyList<ForwardSpec> Forwards { get; init; } = [];

    public HealthSettings Health { get; init; } = new();

    public BackoffSettings Backoff { get; init; } = new();

    /// <summary>Not part of <see cref="SameAs"/>: changing a hook must not restart the tunnel's ssh
    /// (the daemon picks up the new hooks on reload without touching the tunnel).</summary>
    public HookSettings Hooks { get; init; } = new();

    public bool Enabled { get; init; } = true;

    /// <summary>A warm standby: a second authenticated ssh that takes new clients of the held ports at once when the
    /// first dies (docs/held-ports.md, "Warm standby").</summary>
    public bool Standby { get; init; }

    /// <summary>The tunnel's ssh_options turn host key checking off (ssh's no, off or false); the daemon and <c>check</c>
    /// warn. Derived, so <see cref="SameAs"/> needs no extra term.</summary>
    public bool InsecureHostKeyChecking => StrictHostKeyChecking?.ToLowerInvariant() is "no" or "off" or "false";

    /// <summary>The StrictHostKeyChecking value ssh takes from the tunnel's ssh_options (the first), or null.</summary>
    public string? StrictHostKeyChecking => SshOption("StrictHostKeyChecking");

    /// <summary>The value ssh takes for <paramref name="keyword"/> from the tunnel's ssh_options (the first), or null.</summary>
    public string? SshOption(string keyword) =>
        SshOptions.FirstOrDefault(o => SshOptionRules.Is(o.Key, keyword)) is { Key: not null } option ? option.Value : null;

    /// <summary>Structural equality for reload: a tunnel is "unchanged" when this is equal.</summary>
    public bool SameAs(TunnelConfig other) =>
        Name == other.Name && Destinations.SequenceEqual(other.Destinations) && Port == other.Port &&
        IdentityFile == other.IdentityFile && SshPath == other.SshPath &&
        SshOptions.SequenceEqual(other.SshOptions) && Forwards.SequenceEqual(other.Forwards) &&
        Health == other.Health && Backoff == other.Backoff && Enabled == other.Enabled &&
        Standby == other.Standby;
}
