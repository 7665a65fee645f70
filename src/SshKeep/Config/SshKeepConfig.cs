namespace SshKeep.Config;

/// <summary>Each value's key, bounds and meaning: <see cref="ConfigKeys.All"/>.</summary>
internal sealed record SshKeepConfig
{
    /// <summary>Absolute.</summary>
    public required string Path { get; init; }

    /// <summary>In file order.</summary>
    public required IReadOnlyList<TunnelConfig> Tunnels { get; init; }

    /// <summary>docs/daemon.md "Readiness".</summary>
    public ReadyWhen ReadyWhen { get; init; } = ReadyWhen.AllUp;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Null: no listener.</summary>
    public HttpListen? Http { get; init; }
}
