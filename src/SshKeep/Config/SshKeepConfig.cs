namespace SshKeep.Config;

/// <summary>A whole, valid tunnels file.</summary>
internal sealed record SshKeepConfig
{
    /// <summary>Where it was read from (absolute).</summary>
    public required string Path { get; init; }

    /// <summary>Tunnels in file order, defaults already applied.</summary>
    public required IReadOnlyList<TunnelConfig> Tunnels { get; init; }

    /// <summary>systemd READY=1: when every enabled tunnel has been up once ("all-up"), or after
    /// every tunnel's first attempt ("first-attempt").</summary>
    public ReadyWhen ReadyWhen { get; init; } = ReadyWhen.AllUp;

    /// <summary>How long a tunnel still on its way (starting, backoff, waiting for its server)
    /// may hold READY=1 back; needs-attention never does (docs/daemon.md "Readiness").</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>http:</c> section: serve metrics, health and the web page; null when absent (no listener).</summary>
    public HttpSettings? Http { get; init; }
}
