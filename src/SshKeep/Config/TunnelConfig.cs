namespace SshKeep.Config;

/// <summary>One named tunnel: one ssh process with its forwards, after defaults were applied.</summary>
internal sealed record TunnelConfig
{
    /// <summary>The tunnel's name (the key under <c>tunnels:</c>): letters, digits, '-', '_', '.'.</summary>
    public required string Name { get; init; }

    /// <summary>ssh destination, <c>[user@]host</c> (or a Host alias from ssh_config).</summary>
    public required string Destination { get; init; }

    /// <summary>ssh port (-p); null lets ssh_config decide.</summary>
    public int? Port { get; init; }

    /// <summary>Identity file (-i), with ~ expanded; null lets ssh_config and the agent decide.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>The ssh program.</summary>
    public string SshPath { get; init; } = DefaultSshPath;

    /// <summary>The ssh a tunnel runs without <c>ssh_path</c>: looked up in PATH.</summary>
    public const string DefaultSshPath = "ssh";

    /// <summary>Extra <c>-o Key=Value</c> options, in file order. They win over sshkeep's defaults.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SshOptions { get; init; } = [];

    public IReadOnlyList<ForwardSpec> Forwards { get; init; } = [];

    public HealthSettings Health { get; init; } = new();

    public BackoffSettings Backoff { get; init; } = new();

    /// <summary>Commands run when the tunnel comes up, goes down or needs attention. Not part of
    /// <see cref="SameAs"/>: changing a hook must not restart the tunnel's ssh (the daemon picks up
    /// the new hooks on reload without touching the tunnel).</summary>
    public HookSettings Hooks { get; init; } = new();

    /// <summary>false keeps the tunnel in the file but does not start it.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The tunnel's ssh_options turn host key checking off (<c>StrictHostKeyChecking</c> no, off or
    /// false; ssh takes the first value, and keywords and values ignore case). sshkeep never adds
    /// that itself; the daemon and <c>check</c> warn when a tunnel asks for it. Derived
    /// from <see cref="SshOptions"/>, so it cannot disagree with them and <see cref="SameAs"/>
    /// needs no extra term.
    /// </summary>
    public bool InsecureHostKeyChecking =>
        SshOptions.FirstOrDefault(o => o.Key.Equals("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase)) is { Key: not null } option &&
        option.Value.ToLowerInvariant() is "no" or "off" or "false";

    /// <summary>Structural equality for reload: a tunnel is "unchanged" when this is equal.</summary>
    public bool SameAs(TunnelConfig other) =>
        Name == other.Name && Destination == other.Destination && Port == other.Port &&
        IdentityFile == other.IdentityFile && SshPath == other.SshPath &&
        SshOptions.SequenceEqual(other.SshOptions) && Forwards.SequenceEqual(other.Forwards) &&
        Health == other.Health && Backoff == other.Backoff && Enabled == other.Enabled;
}
