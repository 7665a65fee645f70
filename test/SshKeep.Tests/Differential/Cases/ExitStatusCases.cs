using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;
using static SshKeep.Tests.Differential.Harness.FakeSshPlan;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>
/// R61's whole matrix with a fake ssh: how each way ssh can end is read, in four situations —
/// run 1 inside the gate (default GATETIME=30), run 1 after the gate (GATETIME=1, ssh lives
/// 2.5 s), no gate (GATETIME=0), and a later run (run 1 is SIGKILLed, which always restarts).
/// Runs after a restart end with exit 0, which ends the keeper with 0 (R61).
/// </summary>
public static class ExitStatusCases
{
    private static readonly string[] Argv = ["-M", "0", "-N", "host"];

    private static DifferentialCase Row(string name, (string, string?)[] env, FakeSshPlan plan, int exit, params object[] log)
    {
        var events = Ev.Seq([Ev.MonitoringOff, .. log]);
        return new(name, Argv, Env(env), plan,
            new Expectations
            {
                Exit = ExitStatus.Exited(exit),
                Starts = events.Count(e => e.StartsWith("starting ssh", StringComparison.Ordinal)),
                Argv = ["-N", "host"],
                Log = events,
                SshAliveAfter = false,
                PidFileAfter = false,
            })
        { Rules = "R61" };
    }

    private static readonly (string, string?)[] Gate = [];
    private static readonly (string, string?)[] Gate1 = [("AUTOSSH_GATETIME", "1")];
    private static readonly (string, string?)[] NoGate = [("AUTOSSH_GATETIME", "0")];
    private static readonly string KilledFirst = KillSelf(Sig.Kill);

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        // ---- ssh exits 0
        Row("Exit 0 of run 1 inside the gate is premature and ends the keeper with 1", Gate, Exit(0), 1,
            Ev.Started(1), Ev.Premature(0)),
        Row("Exit 0 of run 1 after the gate ends the keeper with 0", Gate1, Runs(SleepThenExit(2.5, 0)), 0,
            Ev.Started(1), Ev.Exiting(0)),
        Row("Exit 0 with no gate ends the keeper with 0", NoGate, Exit(0), 0,
            Ev.Started(1), Ev.Exiting(0)),
        Row("Exit 0 of a later run ends the keeper with 0", Gate, Runs(KilledFirst, ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(9), Ev.Started(2), Ev.Exiting(0)),

        // ---- ssh exits 1
        Row("Exit 1 of run 1 inside the gate ends the keeper with 1", Gate, Exit(1), 1,
            Ev.Started(1), Ev.Premature(1)),
        Row("Exit 1 of run 1 after the gate still ends the keeper with 1", Gate1, Runs(SleepThenExit(2.5, 1)), 1,
            Ev.Started(1), Ev.Exiting(1)),
        Row("Exit 1 with no gate restarts ssh", NoGate, Runs(ExitWord(1), ExitWord(0)), 0,
            Ev.Started(1), Ev.ErrorRestart(1), Ev.Started(2), Ev.Exiting(0)),
        Row("Exit 1 of a later run restarts ssh", Gate, Runs(KilledFirst, ExitWord(1), ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(9), Ev.Started(2), Ev.ErrorRestart(1), Ev.Started(3), Ev.Exiting(0)),

        // ---- ssh exits 2
        Row("Exit 2 of run 1 inside the gate ends the keeper with 1", Gate, Exit(2), 1,
            Ev.Started(1), Ev.Premature(2)),
        Row("Exit 2 of run 1 after the gate still ends the keeper with 1", Gate1, Runs(SleepThenExit(2.5, 2)), 1,
            Ev.Started(1), Ev.Exiting(2)),
        Row("Exit 2 with no gate restarts ssh", NoGate, Runs(ExitWord(2), ExitWord(0)), 0,
            Ev.Started(1), Ev.ErrorRestart(2), Ev.Started(2), Ev.Exiting(0)),
        Row("Exit 2 of a later run restarts ssh", Gate, Runs(KilledFirst, ExitWord(2), ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(9), Ev.Started(2), Ev.ErrorRestart(2), Ev.Started(3), Ev.Exiting(0)),

        // ---- ssh exits 3..254
        Row("Exit 3 of run 1 inside the gate ends the keeper with 1", Gate, Exit(3), 1,
            Ev.Started(1), Ev.Premature(3)),
        Row("Exit 3 of run 1 after the gate ends the keeper with 1", Gate1, Runs(SleepThenExit(2.5, 3)), 1,
            Ev.Started(1), Ev.Exiting(3)),
        Row("Exit 3 with no gate ends the keeper with 1", NoGate, Exit(3), 1,
            Ev.Started(1), Ev.Exiting(3)),
        Row("Exit 3 of a later run ends the keeper with 1", Gate, Runs(KilledFirst, ExitWord(3)), 1,
            Ev.Started(1), Ev.OnSignal(9), Ev.Started(2), Ev.Exiting(3)),
        Row("Exit 127 with no gate ends the keeper with 1", NoGate, Exit(127), 1,
            Ev.Started(1), Ev.Exiting(127)),
        Row("Exit 254 of a later run ends the keeper with 1", Gate, Runs(KilledFirst, ExitWord(254)), 1,
            Ev.Started(1), Ev.OnSignal(9), Ev.Started(2), Ev.Exiting(254)),

        // ---- ssh exits 255
        Row("Exit 255 of run 1 inside the gate ends the keeper with 1", Gate, Exit(255), 1,
            Ev.Started(1), Ev.Premature(255)),
        Row("Exit 255 of run 1 after the gate restarts ssh", Gate1, Runs(SleepThenExit(2.5, 255), ExitWord(0)), 0,
            Ev.Started(1), Ev.ErrorRestart(255), Ev.Started(2), Ev.Exiting(0)),
        Row("Exit 255 with no gate restarts ssh", NoGate, Runs(ExitWord(255), ExitWord(0)), 0,
            Ev.Started(1), Ev.ErrorRestart(255), Ev.Started(2), Ev.Exiting(0)),
        Row("Exit 255 of a later run restarts ssh", Gate, Runs(KilledFirst, ExitWord(255), ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(9), Ev.Started(2), Ev.ErrorRestart(255), Ev.Started(3), Ev.Exiting(0)),

        // ---- ssh killed by a signal: always a restart
        Row("ssh killed by SIGHUP inside the gate is restarted", Gate, Runs(KillSelf(Sig.Hup), ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(1), Ev.Started(2), Ev.Exiting(0)),
        Row("ssh killed by SIGTERM after the gate is restarted", Gate1, Runs(SleepThenKillSelf(2.5, Sig.Term), ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(15), Ev.Started(2), Ev.Exiting(0)),
        Row("ssh killed by SIGTERM with no gate is restarted", NoGate, Runs(KillSelf(Sig.Term), ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(15), Ev.Started(2), Ev.Exiting(0)),
        Row("ssh killed by SIGINT in a later run is restarted", Gate, Runs(KilledFirst, KillSelf(Sig.Int), ExitWord(0)), 0,
            Ev.Started(1), Ev.OnSignal(9), Ev.Started(2), Ev.OnSignal(2), Ev.Started(3), Ev.Exiting(0)),

        // ---- the gate's whole-second clock: run 1 ends 450 ms into the second after the one it
        // started in, i.e. more than 1 s later (it starts early in a second, the launch being
        // aligned), yet only 1 whole second later by time(), so GATETIME=1 still holds it.
        // autossh has 550 ms to read the clock before it would see 2 whole seconds.
        Row("Run 1 ending more than 1 s in is still inside a 1-second gate because the clock has whole seconds", Gate1,
            Runs(ExitInNextSecondAt(450, 0)), 1,
            Ev.Started(1), Ev.Premature(0))
            with { AlignLaunchToSecond = true, LatestFirstStart = 0.4, Rules = "R61 (whole-second time())" },
    ];
}
