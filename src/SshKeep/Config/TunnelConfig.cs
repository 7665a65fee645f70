namespace SshKeep.Config;

/// <summary>Defaults applied; each value's key, bounds and meaning: <see cref="ConfigKeys.All"/>.</summary>
internal sealed record TunnelConfig
{
    public const string DefaultSshPath = "ssh";

    public required string Name { get; init; }

    /// <summary>The servers, tried in order (docs/daemon.md, "Several servers: failover"); never empty.</summary>
    public required IReadOnlyList<string> Destinations { get; init; }

    public string Destination => Destinations[0];

    public int? Port { get; init; }

    public string? IdentityFile { get; init; }

    public string SshPath { get; init; } = DefaultSshPath;

    public IReadOnlyList<KeyValuePair<string, string>> SshOptions { get; init; } = [];

    public IReadOnlyList<ForwardSpec> Forwards { get; init; } = [];

    public HealthSettings Health { get; init; } = new();

    public BackoffSettings Backoff { get; init; } = new();

    /// <summary>Not part of <see cref="SameAs"/>: changing a hook must not restart the tunnel's ssh.</summary>
    public HookSettings Hooks { get; init; } = new();

    public bool Enabled { get; init; } = true;

    /// <summary>docs/held-ports.md, "Warm standby".</summary>
    public bool Standby { get; init; }

    /// <summary>The daemon and <c>check</c> warn. Derived, so <see cref="SameAs"/> needs no extra term.</summary>
    public bool InsecureHostKeyChecking => StrictHostKeyChecking?.ToLowerInvariant() is "no" or "off" or "false";

    public string? StrictHostKeyChecking => SshOption("StrictHostKeyChecking");

    /// <summary>The first, as ssh takes it.</summary>
    public string? SshOption(string keyword) =>
        SshOptions.FirstOrDefault(o => SshOptionRules.Is(o.Key, keyword)) is { Key: not null } option ? option.Value : null;

    /// <summary>Structural equality: a reload leaves a tunnel alone when this holds.</summary>
    public bool SameAs(TunnelConfig other) =>
        Name == other.Name && Destinations.SequenceEqual(other.Destinations) && Port == other.Port &&
        IdentityFile == other.IdentityFile && SshPath == other.SshPath &&
        SshOptions.SequenceEqual(other.SshOptions) && Forwards.SequenceEqual(other.Forwards) &&
        Health == other.Health && Backoff == other.Backoff && Enabled == other.Enabled &&
        Standby == other.Standby;
}
