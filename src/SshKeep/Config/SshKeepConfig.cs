namespace SshKeep.Config;

internal sealed record SshKeepConfig
{
    /// <summary>Absolute.</summary>
    public required string Path { get; init; }

    public required IReadOnlyList<TunnelConfig> Tunnels { get; init; }

    public ReadyWhen ReadyWhen { get; init; } = ReadyWhen.AllUp;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Null: no listener.</summary>
    public HttpListen? Http { get; init; }
}
