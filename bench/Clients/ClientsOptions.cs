namespace SshKeep.Bench.Clients;

/// <summary>What one run of bench/clients does, from its command line.</summary>
internal sealed record ClientsOptions
{
    public int Reps { get; init; } = 3;

    public IReadOnlyList<ClientScenario> Scenarios { get; init; } = [];

    /// <summary>The comparison: autossh 1.4g against the daemon (compat is autossh's twin).</summary>
    public IReadOnlyList<KeeperKind> Keepers { get; init; } = [KeeperKind.Autossh, KeeperKind.Daemon];

    /// <summary>Where the report and the per-trial logs go.</summary>
    public string OutputDirectory { get; init; } = "";

    /// <summary>The sshkeep executable measured in compat and daemon mode.</summary>
    public string SshkeepPath { get; init; } = "";

    public string AutosshPath { get; init; } = "/usr/bin/autossh";

    /// <summary>The command line as given, for the report.</summary>
    public string CommandLine { get; init; } = "bench/clients";
}
