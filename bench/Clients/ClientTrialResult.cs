using SshKeep.Demo;

namespace SshKeep.Bench.Clients;

/// <summary>What one keeper's clients saw through one fault.</summary>
/// <param name="Attempts">The attempts started from the fault until 2 s after the heal, in the order they started.</param>
/// <param name="Outage">Fault → heal: how long the server was away (zero for a kill).</param>
/// <param name="BackToWorking">Heal → the echo of the first attempt started after the heal that got one; null when none did.</param>
/// <param name="Note">Why nothing was measured, or what else went wrong; null when all went as planned.</param>
internal sealed record ClientTrialResult(
    KeeperKind Keeper, ClientScenario Scenario, int Rep, IReadOnlyList<AttemptRecord> Attempts, TimeSpan Outage, TimeSpan? BackToWorking,
    string? Note)
{
    public int Failed => Attempts.Count(a => a.Outcome != EchoOutcome.Ok);

    public int FailedWith(EchoOutcome outcome) => Attempts.Count(a => a.Outcome == outcome);

    /// <summary>The longest wait of an attempt that got its echo; null when none did.</summary>
    public TimeSpan? WorstWait => Served.Count == 0 ? null : Served.Max();

    public TimeSpan? MedianWait => Medians.Of(Served.Select(w => (TimeSpan?)w));

    private List<TimeSpan> Served => [.. Attempts.Where(a => a.Outcome == EchoOutcome.Ok).Select(a => a.Wait)];
}
