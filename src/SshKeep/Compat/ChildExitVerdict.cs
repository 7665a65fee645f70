namespace SshKeep.Compat;

/// <summary>Which line of autossh's exit table (spec R61) an ssh exit fell on.</summary>
internal enum ChildExitCase
{
    /// <summary>Killed by a signal: always restart, even inside the gate.</summary>
    KilledBySignal,

    /// <summary>Run 1 exited (any status, even 0) within the gate time: give up with 1.</summary>
    Premature,

    /// <summary>255, or 1/2 after run 1 or with GATETIME=0: restart.</summary>
    ErrorStatusRestart,

    /// <summary>Status 0 after the gate: the user's ssh finished; exit 0.</summary>
    CleanExit,

    /// <summary>1/2 on run 1 after the gate, or any 3–254: exit 1.</summary>
    StatusExit,
}

/// <summary>The decision for one ssh exit: restart, or end with <see cref="ExitCode"/>.</summary>
internal readonly record struct ChildExitVerdict(ChildExitCase Case)
{
    public bool Restart => Case is ChildExitCase.KilledBySignal or ChildExitCase.ErrorStatusRestart;

    public int ExitCode => Case is ChildExitCase.Premature or ChildExitCase.StatusExit ? ExitCodes.Failure : ExitCodes.Ok;
}
