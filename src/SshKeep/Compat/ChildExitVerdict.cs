namespace SshKeep.Compat;

/// <summary>Which line of autossh's exit table (R61) an ssh exit fell on: killed by a signal (restart, even inside
/// the gate); run 1 ending within the gate, even with 0 (premature: exit 1); 255, or 1/2 after run 1 or with
/// GATETIME=0 (restart); 0 after the gate (exit 0); 1/2 on run 1 after the gate or any 3–254 (exit 1).</summary>
internal enum ChildExitCase
{
    KilledBySignal,
    Premature,
    ErrorStatusRestart,
    CleanExit,
    StatusExit,
}

/// <summary>The decision for one ssh exit: restart, or end with <see cref="ExitCode"/>.</summary>
internal readonly record struct ChildExitVerdict(ChildExitCase Case)
{
    public bool Restart => Case is ChildExitCase.KilledBySignal or ChildExitCase.ErrorStatusRestart;

    public int ExitCode => Case is ChildExitCase.Premature or ChildExitCase.StatusExit ? ExitCodes.Failure : ExitCodes.Ok;
}
