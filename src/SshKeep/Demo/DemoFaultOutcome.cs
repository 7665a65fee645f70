namespace SshKeep.Demo;

/// <summary>One injected fault and how the supervisor coped, for the demo's summary table.</summary>
/// <param name="Fault">What was done ("SIGKILL ssh child").</param>
/// <param name="DetectedAfter">From the fault to the supervisor's log line about it; null if never.</param>
/// <param name="RecoveredAfter">From the fault to the first good probe after it; null if never.</param>
internal sealed record DemoFaultOutcome(string Fault, TimeSpan? DetectedAfter, TimeSpan? RecoveredAfter)
{
    public bool Recovered => RecoveredAfter is not null;
}
