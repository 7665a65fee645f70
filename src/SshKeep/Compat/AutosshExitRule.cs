using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>
/// How autossh 1.4g reads an ssh exit (spec R61, autossh.c ssh_wait). Pure: the table tests in
/// AutosshExitRuleTests lock every row of the spec's verified matrix.
/// </summary>
internal static class AutosshExitRule
{
    /// <param name="exit">How ssh ended.</param>
    /// <param name="run">1-based number of this ssh start (autossh's start_count).</param>
    /// <param name="gateTimeSeconds">AUTOSSH_GATETIME (0 after -f).</param>
    /// <param name="startedAtSeconds">time() when this ssh was started.</param>
    /// <param name="endedAtSeconds">time() when its exit was seen.</param>
    public static ChildExitVerdict Read(ChildExit exit, int run, int gateTimeSeconds, long startedAtSeconds, long endedAtSeconds)
    {
        // R61.1: a signal death restarts on every run, inside the gate too (changed in 1.4f).
        if (exit.WasSignaled)
            return new(ChildExitCase.KilledBySignal);

        var status = exit.ExitStatus!.Value;

        // R61.2: whole seconds and "<=" make the real window GATETIME..GATETIME+1 s; any status,
        // even 0, counts as premature on the first run.
        if (run == 1 && gateTimeSeconds != 0 && endedAtSeconds - startedAtSeconds <= gateTimeSeconds)
            return new(ChildExitCase.Premature);

        return status switch
        {
            255 => new(ChildExitCase.ErrorStatusRestart),
            0 => new(ChildExitCase.CleanExit),
            1 or 2 when run > 1 || gateTimeSeconds == 0 => new(ChildExitCase.ErrorStatusRestart),
            _ => new(ChildExitCase.StatusExit),
        };
    }
}
