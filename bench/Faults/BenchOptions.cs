namespace SshKeep.Bench.Faults;

/// <summary>What one run of bench/faults does, from its command line.</summary>
internal sealed record BenchOptions : SideBySideOptions
{
    public IReadOnlyList<FaultScenario> Scenarios { get; init; } = [];

    /// <summary>Short outages (see <see cref="FaultScenario.QuickIds"/>) and shorter waits: checks the harness end to end.</summary>
    public bool Quick { get; init; }

    /// <summary>Run the keepers of one scenario one after the other instead of at the same time.</summary>
    public bool Serial { get; init; }

    /// <summary>How long after the heal a keeper may take before the trial counts as not recovered.</summary>
    public TimeSpan RecoveryLimit => Quick ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(660);

    /// <summary>How long the tunnel must have worked before the fault, so the fault hits a settled tunnel.</summary>
    public TimeSpan Settle => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(3);

    /// <summary>The command line as given, for the report.</summary>
    public string CommandLine { get; init; } = "bench/faults";
}
