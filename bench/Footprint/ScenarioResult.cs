namespace SshKeep.Bench.Footprint;

/// <summary>One row of the table: a keeper holding <see cref="Tunnels"/> tunnels, and what it cost.</summary>
internal sealed record ScenarioResult(
    KeeperKind Keeper,
    int Tunnels,
    IdleMeasurement? Measurement,
    int Up,
    double MachineBusyPercent,
    string? Failure);
