namespace SshKeep.Config;

/// <summary>How a tunnel's health is watched (design: health in layers).</summary>
internal sealed record HealthSettings
{
    /// <summary>ssh's ServerAliveInterval in seconds (the seed recommends 30; we default shorter).</summary>
    public int ServerAliveInterval { get; init; } = 10;

    /// <summary>ssh's ServerAliveCountMax: missed keepalives before ssh gives up.</summary>
    public int ServerAliveCountMax { get; init; } = 3;

    /// <summary>ssh's ConnectTimeout in seconds: bounds a hung connect.</summary>
    public int ConnectTimeout { get; init; } = 10;

    /// <summary>End-to-end probe per forward: seconds between probes; 0 turns probes off.</summary>
    public double ProbeInterval { get; init; } = 5;

    /// <summary>Seconds one probe may take.</summary>
    public double ProbeTimeout { get; init; } = 3;

    /// <summary>Failed probes in a row before ssh is restarted.</summary>
    public int ProbeFailures { get; init; } = 2;
}
