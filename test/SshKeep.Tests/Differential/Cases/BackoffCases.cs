using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;
using static SshKeep.Tests.Differential.Harness.FakeSshPlan;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>Back-off schedule, its reset, MAXSTART and MAXLIFETIME (R63–R67, R39, R52, R54).</summary>
public static class BackoffCases
{
    private static readonly string[] Argv = ["-M", "0", "host"];

    /// <summary>N failing runs with MAXSTART=max: starting/pid/restart lines, then the MAXSTART exit.</summary>
    private static string[] FailingRuns(int runs, int max, int status = 1) =>
        Ev.Seq([Ev.MonitoringOff,
            .. Enumerable.Range(1, runs).SelectMany(i => Ev.Started(i, max).Append(Ev.ErrorRestart(status))),
            Ev.MaxStart]);

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        new("A failing ssh is started 6 times at once, then after 2 and 8 more seconds",
            Argv, Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_MAXSTART", "8")), Exit(1),
            new Expectations
            {
                // R63 with POLL=600: tries 0–5 wait nothing, tries 6 waits 2 s, tries 7 waits 8 s.
                Exit = ExitStatus.Exited(0),
                Starts = 8,
                Waits = [0, 0, 0, 0, 0, 2, 8],
                Log = FailingRuns(8, 8),
                PidFileAfter = false,
            })
        { Rules = "R63, R66, R95" },

        new("With AUTOSSH_POLL=60 the waits after 8 quick starts are 1 and then 3 seconds",
            Argv, Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_MAXSTART", "10"), ("AUTOSSH_POLL", "60")), Exit(255),
            new Expectations
            {
                // R63 table, POLL=60: tries 6, 7 → 0 s; 8 → 1 s; 9 → 3 s.
                Exit = ExitStatus.Exited(0),
                Starts = 10,
                Waits = [0, 0, 0, 0, 0, 0, 0, 1, 3],
                Log = FailingRuns(10, 10, 255),
            })
        { Rules = "R63" },

        new("An ssh that stayed up for the minimum time resets the back-off",
            Argv, Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_MAXSTART", "9"), ("AUTOSSH_POLL", "100")),
            // POLL=100: min_time = 10 s. Runs 1–6 fail at once (tries 0–5), run 7 (tries 6, no wait)
            // lives 10.5 s, so tries resets to 0 and runs 8 and 9 start at once. Without the reset,
            // run 8 would wait 1 s and run 9 another 3 s.
            Runs([.. Enumerable.Repeat(ExitWord(1), 6), SleepThenExit(10.5, 1), ExitWord(1)]),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 9,
                Waits = [0, 0, 0, 0, 0, 0, 0, 0],
                Log = FailingRuns(9, 9),
            })
        { Rules = "R63, R64" },

        new("AUTOSSH_MAXSTART=1 runs a failing ssh once and exits 0",
            Argv, Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_MAXSTART", "1")), Exit(255),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                Log = FailingRuns(1, 1, 255),
            })
        { Rules = "R66" },

        new("SIGUSR1 restarts count against AUTOSSH_MAXSTART",
            Argv, Env(("AUTOSSH_MAXSTART", "2")), Hang,
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 2,
                Log = Ev.Seq(Ev.MonitoringOff, Ev.Started(1, 2), Ev.Restart, Ev.Started(2, 2), Ev.Restart, Ev.MaxStart),
                SshAliveAfter = false,
                PidFileAfter = false,
            })
        {
            Rules = "R66, R71, R63.6",
            Script = [new Step.AwaitWatching(1), new Step.Send(Sig.Usr1), new Step.AwaitWatching(2), new Step.Send(Sig.Usr1)],
        },

        new("AUTOSSH_MAXLIFETIME ends a running ssh and exits 0",
            ["-M", "0", "-N", "host"], Env(("AUTOSSH_MAXLIFETIME", "3")), Hang,
            new Expectations
            {
                // R39/R54: POLL is lowered to the lifetime (3 s), so the net timeout becomes 1500 ms (R52);
                // the "dropping poll time" notices go to syslog, not the log file (R84).
                Exit = ExitStatus.Exited(0),
                ExitAfterLaunch = (2.0, 5.5), // whole seconds (R67): autossh may end up to 1 s early; the top allows a slow start-up on a loaded machine (the lifetime counts from reading the environment)
                Starts = 1,
                Log = Ev.Seq(Ev.MonitoringOff, Ev.ShortPoll(1500), Ev.Started(1), Ev.Lifetime),
                PidFileHeldPid = true,
                PidFileAfter = false,
                SshAliveAfter = false,
            },
            new Difference("R84 fix (docs/compatibility.md row 19)", "the lifetime clamp notices go to the log file like every other line",
                new Expectations
                {
                    Exit = ExitStatus.Exited(0),
                    ExitAfterLaunch = (2.0, 5.5), // whole seconds (R67): autossh may end up to 1 s early; the top allows a slow start-up on a loaded machine (the lifetime counts from reading the environment)
                    Starts = 1,
                    Log = Ev.Seq("poll time is greater than lifetime, dropping poll time to 3",
                                 "first poll time is greater than lifetime, dropping first poll time to 3",
                                 Ev.MonitoringOff, Ev.ShortPoll(1500), Ev.Started(1), Ev.Lifetime),
                    PidFileHeldPid = true,
                    PidFileAfter = false,
                    SshAliveAfter = false,
                }))
        {
            Rules = "R67, R39, R52, R54, R83",
            Script = [new Step.AwaitWatching(1), new Step.SamplePidFile()],
        },

        new("A lifetime that runs out during a back-off wait does not limit the next ssh in autossh; sshkeep enforces it",
            Argv, Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_MAXLIFETIME", "6")),
            // Every ssh fails at once until the lifetime is over; one started after that hangs.
            // R63 with POLL clamped to 6: 13 quick starts, then waits of 1, 1, 2, 2, 2, 3 … s; the
            // keeper checks the lifetime (R67a) at ~X+4 s, sleeps 2 s across the end (~5.9 s, the
            // launch being aligned to a second) and starts an ssh that gets no alarm (R67 quirk).
            // X, the time the quick starts take, may be anything up to ~1.9 s.
            Runs(ExitUntilLifetimeEndThenHang(1, 6)),
            new Expectations
            {
                Exit = ExitStatus.Exited(1),        // only because the script stops it with SIGTERM
                MinStarts = 14,
                LogExcludes = [Ev.Lifetime],
                LogIncludes = [Ev.SignalToExit(15)],
                Extra = o => o.Starts.Count > 0 && o.Starts[^1].At > 5.5
                    ? [] : ["autossh should have started an ssh after the lifetime ran out"],
            },
            new Difference("R67 fix", "the lifetime is enforced after a back-off wait: exit 0 when it runs out",
                new Expectations
                {
                    Exit = ExitStatus.Exited(0),
                    ExitAfterLaunch = (5.0, 7.6), // whole seconds (R67)
                    LogIncludes = [Ev.Lifetime],
                    SshAliveAfter = false,
                    PidFileAfter = false,
                }))
        {
            Rules = "R67, R63, R96.14",
            AlignLaunchToSecond = true,
            Script = [new Step.ObserveUntil(8.5), new Step.Send(Sig.Term)],
        },
    ];
}
