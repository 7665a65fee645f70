namespace SshKeep.Config;

/// <summary>A whole, valid tunnels file. Each value's key, bounds and meaning: <see cref="ConfigKeys.All"/>.</summary>
internal sealed record SshKeepConfig
{
    /// <summary>Where it was read from (absolute).</summary>
    public required string Path { get; init; }

    /// <summary>Tunnels in file order, defaults already applied.</summary>
    public required IReadOnlyList<TunnelConfig> Tunnels { get; init; }

    /// <summary>When systemd gets READY=1 (docs/daemon.md "Readiness").</summary>
    public ReadyWhen ReadyWhen { get; init; } = ReadyWhen.AllUp;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the file's <c>http:</c> section listens; null when the file has none: no listener.</summary>
    public HttpListen? Http { get; init; }
}
