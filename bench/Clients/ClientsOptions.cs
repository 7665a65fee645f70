namespace SshKeep.Bench.Clients;

/// <summary>What one run of bench/clients does, from its command line.</summary>
internal sealed record ClientsOptions : SideBySideOptions
{
    /// <summary>The comparison of the table: autossh 1.4g against the daemon (compat is autossh's twin).</summary>
    public ClientsOptions() => Keepers = [KeeperKind.Autossh, KeeperKind.Daemon];

    public IReadOnlyList<ClientScenario> Scenarios { get; init; } = [];

    /// <summary>The command line as given, for the report.</summary>
    public string CommandLine { get; init; } = "bench/clients";
}
