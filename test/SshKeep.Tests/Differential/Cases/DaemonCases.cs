using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;
using static SshKeep.Tests.Differential.Harness.FakeSshPlan;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>-f, the pid file and the log file (R2, R17, R18, R20, R42, R80–R84).</summary>
public static class DaemonCases
{
    private static Expectations DaemonRun(string[] argv, params object[] log) => new()
    {
        Exit = ExitStatus.Exited(0),            // R80: the foreground process exits 0 at once
        Starts = 1,
        Argv = argv,
        Cwd = "/",                              // R80: the daemon changes directory to /
        Log = Ev.Seq(log),
        DaemonGone = true,
        PidFileAfter = false,
        SshAliveAfter = false,
        Stdout = "",
        Stderr = new StderrRule.Empty(),
    };

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        new("-f returns 0 at once and the daemon runs ssh from / until SIGTERM",
            ["-M", "0", "-f", "-N", "host"], Env(("AUTOSSH_GATETIME", "30")), Hang,
            DaemonRun(["-N", "host"], Ev.MonitoringOff, Ev.Started(1), Ev.SignalToExit(15)) with
            {
                PidFileHeldPid = true,
                // R80: lines logged before the fork carry the caller's pid, later ones the daemon's.
                Extra = o => o.Log.Count == 4 && o.Log[0].Pid == o.KeeperPid && o.DaemonPid is { } d && o.Log.Skip(1).All(l => l.Pid == d)
                    ? [] : ["the first line should carry the foreground pid and the rest the daemon's"],
            })
        { Rules = "R80, R83, R71", Detaches = true, Script = DaemonThenTerm },

        new("-f forces the gate time to 0 so a failing ssh is restarted",
            ["-M", "0", "-f", "host"], Env(("AUTOSSH_GATETIME", "30"), ("AUTOSSH_MAXSTART", "3")), Exit(1),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 3,
                Log = Ev.Seq([Ev.MonitoringOff, .. Enumerable.Range(1, 3).SelectMany(i => Ev.Started(i, 3).Append(Ev.ErrorRestart(1))), Ev.MaxStart]),
                DaemonGone = true,
                PidFileAfter = false,
            })
        {
            Rules = "R80, R45, R35, R66",
            Detaches = true,
            Script = [new Step.AwaitForegroundExit(), new Step.AwaitStarts(3), new Step.AwaitDaemonGone()],
        },

        new("-fN: autossh's own f is removed and -N reaches ssh",
            ["-M", "0", "-fN", "host"], NoEnv, Exit(0),
            DaemonRun(["-N", "host"], Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)))
        { Rules = "R17, R18, R80", Detaches = true, Script = DaemonRunsOut },

        new("-ffN leaves one f for ssh in autossh (doubled-f bug), not in sshkeep",
            ["-M", "0", "-ffN", "host"], NoEnv, Exit(0),
            DaemonRun(["-fN", "host"], Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)),
            new Difference("R17 fix", "autossh's own -f is removed entirely (no doubled-f bug)",
                DaemonRun(["-N", "host"], Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0))))
        { Rules = "R17, R96.3", Detaches = true, Script = DaemonRunsOut },

        new("-fM leaks -M and the port to ssh in autossh, not in sshkeep",
            ["-fM", "{P}", "host"], NoEnv, Exit(0),
            DaemonRun(["-L", "{P}:127.0.0.1:{P}", "-R", "{P}:127.0.0.1:{P+1}", "-M", "{P}", "host"], Ev.Started(1), Ev.Exiting(0)),
            new Difference("R20 fix", "-M in a cluster with -f is autossh's option and never reaches ssh",
                DaemonRun(["-L", "{P}:127.0.0.1:{P}", "-R", "{P}:127.0.0.1:{P+1}", "host"], Ev.Started(1), Ev.Exiting(0))))
        { Rules = "R20, R96.3", Detaches = true, NeedsPort = true, Script = DaemonRunsOut },

        new("-M errors are reported before -f daemonises, so the caller gets exit 1",
            ["-f", "-M", "abc", "host"], NoEnv, Exit(0),
            new Expectations { Exit = ExitStatus.Exited(1), Starts = 0, Log = [Ev.InvalidPort("abc")], PidFileAfter = false },
            new Difference("R10–R12 fix", "a bad -M is also reported in one line on stderr, still before -f detaches",
                new Expectations
                {
                    Exit = ExitStatus.Exited(1), Starts = 0, Log = [Ev.InvalidPort("abc")], PidFileAfter = false,
                    Stderr = new StderrRule.OneLineNaming("-M"),
                }))
        { Rules = "R2, R11, R90" },

        new("An error after -f daemonises is invisible to the caller",
            ["-M", "0", "-f", "host"], Env(("AUTOSSH_PIDFILE", "/nonexistent/dir/pid")), Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 0,
                Log = [Ev.MonitoringOff, "cannot open pid file \"/nonexistent/dir/pid\": No such file or directory"],
            })
        {
            Rules = "R2, R83, R90",
            Detaches = true,
            Script = [new Step.AwaitForegroundExit(), new Step.AwaitLog("cannot open pid file")],
        },

        new("Under -f a relative pid file is made in / and a relative log file in the caller's directory",
            ["-M", "0", "-f", "-N", "host"], Env(("AUTOSSH_PIDFILE", "kdiff-{id}.pid"), ("AUTOSSH_LOGFILE", "relative.log")), Hang,
            DaemonRun(["-N", "host"], Ev.MonitoringOff, Ev.Started(1), Ev.SignalToExit(15)) with { PidFileHeldPid = true })
        { Rules = "R81, R42, R83", Detaches = true, Script = DaemonThenTerm },

        new("The pid file holds the keeper's pid while it runs and is removed after a normal exit",
            ["-M", "0", "-N", "host"], Env(("AUTOSSH_GATETIME", "0")), Runs(SleepThenExit(1, 0)),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                PidFileHeldPid = true,
                PidFileAfter = false,
                Log = Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)),
                // R83: fopen(…, "w"): 0666 less the umask (the harness sets 022).
                Extra = o => o.PidFileMode == "644" ? [] : [$"pid file mode should be 644, got {o.PidFileMode ?? "(none)"}"],
            })
        { Rules = "R83", Script = [new Step.AwaitWatching(1), new Step.SamplePidFile()] },

        new("A pid file that cannot be opened is fatal before ssh starts",
            ["-M", "0", "host"], Env(("AUTOSSH_PIDFILE", "/nonexistent/dir/pid")), Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 0,
                Log = [Ev.MonitoringOff, "cannot open pid file \"/nonexistent/dir/pid\": No such file or directory"],
            })
        { Rules = "R83, R90" },

        new("Log lines carry the local time of the keeper's time zone",
            ["-M", "0", "host"], Env(("AUTOSSH_GATETIME", "0"), ("TZ", "Etc/GMT-5")), Exit(0),
            // Checks.LogShape compares every time stamp with the clock in UTC+5.
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                Log = Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)),
            })
        { Rules = "R84" },

        new("The log file is appended to, never truncated",
            ["-M", "0", "host"], Env(("AUTOSSH_GATETIME", "0")), Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                Log = Ev.Seq("earlier line", Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)),
            })
        { Rules = "R42, R84", PreexistingLog = "earlier line\n" },
    ];
}
