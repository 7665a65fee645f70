namespace SshKeep.Bench.Faults;

/// <summary>
/// What one trial measured, each from the fault (or the heal) to an event; null when the event never came.
/// </summary>
/// <param name="Detected">Fault → the keeper reaped the ssh that carried the tunnel (from /proc).</param>
/// <param name="Restarted">Fault → the first new ssh child of the keeper.</param>
/// <param name="HealToGood">Heal → the first probe started after the heal that got its token back (when it came back).</param>
/// <param name="Outage">Fault → that same good probe.</param>
/// <param name="Note">Why a value is missing, or what else went wrong; null when all went as planned.</param>
internal sealed record TrialResult(
    KeeperKind Keeper, FaultScenario Scenario, int Rep,
    TimeSpan? Detected, TimeSpan? Restarted, TimeSpan? HealToGood, TimeSpan? Outage, string? Note)
{
    public bool Recovered => HealToGood is not null;
}
