namespace SshKeep.Config;

internal sealed record HealthSettings(
    int ServerAliveInterval = 10,
    int ServerAliveCountMax = 3,
    int ConnectTimeout = 10,
    double ProbeInterval = 5,
    double ProbeTimeout = 3,
    int ProbeFailures = 2);
