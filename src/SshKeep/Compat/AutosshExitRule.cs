using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>How autossh 1.4g's ssh_wait reads an ssh exit (docs/autossh-rules.md R61).</summary>
internal static class AutosshExitRule
{
    /// <param name="run">autossh's start_count, 1-based.</param>
    public static ChildExitVerdict Read(ChildExit exit, int run, int gateTimeSeconds, long startedAtSeconds, long endedAtSeconds)
    {
        // R61.1 (changed in 1.4f).
        if (exit.WasSignaled)
            return new(ChildExitCase.KilledBySignal);

        // R61.2.
        if (run == 1 && gateTimeSeconds != 0 && endedAtSeconds - startedAtSeconds <= gateTimeSeconds)
            return new(ChildExitCase.Premature);

        return exit.ExitStatus!.Value switch
        {
            255 => new(ChildExitCase.ErrorStatusRestart),
            0 => new(ChildExitCase.CleanExit),
            1 or 2 when run > 1 || gateTimeSeconds == 0 => new(ChildExitCase.ErrorStatusRestart),
            _ => new(ChildExitCase.StatusExit),
        };
    }
}
