namespace SshKeep.Compat;

/// <summary>The line of autossh's exit table (docs/autossh-rules.md R61) an ssh exit fell on.</summary>
internal enum ChildExitCase
{
    KilledBySignal,
    Premature,
    ErrorStatusRestart,
    CleanExit,
    StatusExit,
}

internal readonly record struct ChildExitVerdict(ChildExitCase Case)
{
    public bool Restart => Case is ChildExitCase.KilledBySignal or ChildExitCase.ErrorStatusRestart;

    public int ExitCode => Case is ChildExitCase.Premature or ChildExitCase.StatusExit ? ExitCodes.Failure : ExitCodes.Ok;
}
