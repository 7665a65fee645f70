namespace SshKeep.Bench.Soak;

/// <summary>How one planned fault went: whether it was applied, when it began and healed (timestamps of
/// the run's TimeProvider), and a note when something did not go to plan.</summary>
internal sealed record FaultOutcome(PlannedFault Fault, bool Applied, long StartedAt, long HealedAt, string? Note)
{
    public string Describe() => $"{Fault.Describe()}{(Applied ? "" : " (not applied)")}{(Note is null ? "" : $" [{Note}]")}";
}
