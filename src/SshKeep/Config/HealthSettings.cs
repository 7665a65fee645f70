namespace SshKeep.Config;

/// <summary>How a tunnel's health is watched (design: health in layers): ssh's keepalives and
/// connect timeout, and the end-to-end probes. Each value's key, bounds and meaning: the
/// <c>health.*</c> entries of <see cref="ConfigKeys.All"/>.</summary>
internal sealed record HealthSettings(
    int ServerAliveInterval = 10,
    int ServerAliveCountMax = 3,
    int ConnectTimeout = 10,
    double ProbeInterval = 5,
    double ProbeTimeout = 3,
    int ProbeFailures = 2);
