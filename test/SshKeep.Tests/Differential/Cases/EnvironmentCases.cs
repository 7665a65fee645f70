using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>Every AUTOSSH_* variable, good and bad values (R29–R45, R52, R85).</summary>
public static class EnvironmentCases
{
    private static readonly string[] MZeroHost = ["-M", "0", "host"];

    private static IReadOnlyDictionary<string, string?> NoGateAnd(params (string, string?)[] more) =>
        Env([("AUTOSSH_GATETIME", "0"), .. more]);

    private static Expectations RunsOnce(params string[] log) => new()
    {
        Exit = ExitStatus.Exited(0),
        Starts = 1,
        Argv = ["host"],
        Stderr = new StderrRule.Empty(),
        Log = log,
    };

    private static readonly string[] PlainRun = Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0));

    /// <summary>
    /// R29: an invalid value is fatal, exit 1, and autossh says so only to syslog (before its log
    /// file is open), so the terminal shows nothing and nothing starts. sshkeep fixes that with
    /// one clear stderr line naming the variable.
    /// </summary>
    private static DifferentialCase BadValue(string name, string rules, string variable, string value, string? reported = null) =>
        new(name, MZeroHost, Env((variable, value)), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 0,
                Stdout = "",
                Stderr = new StderrRule.Empty(),
                LogFileExists = false,
                PidFileAfter = false,
            },
            new Difference("R29 fix", "bad AUTOSSH_* values are also reported in one line on stderr (same exit status 1)",
                new Expectations
                {
                    Exit = ExitStatus.Exited(1),
                    Starts = 0,
                    Stdout = "",
                    Stderr = new StderrRule.OneLineNaming(reported ?? variable),
                    LogFileExists = false,
                    PidFileAfter = false,
                }))
        { Rules = rules };

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        BadValue("AUTOSSH_POLL=abc is fatal", "R29, R33", "AUTOSSH_POLL", "abc"),
        BadValue("AUTOSSH_POLL=0 is fatal", "R33", "AUTOSSH_POLL", "0"),
        BadValue("AUTOSSH_POLL=4294967296 wraps to 0 and is fatal", "R33, R29", "AUTOSSH_POLL", "4294967296"),
        BadValue("AUTOSSH_POLL with a trailing blank is fatal", "R29", "AUTOSSH_POLL", "5 "),
        BadValue("AUTOSSH_FIRST_POLL=x is fatal", "R34", "AUTOSSH_FIRST_POLL", "x"),
        BadValue("AUTOSSH_GATETIME=5.5 is fatal", "R35", "AUTOSSH_GATETIME", "5.5"),
        BadValue("AUTOSSH_GATETIME=-1 is fatal", "R35", "AUTOSSH_GATETIME", "-1"),
        BadValue("AUTOSSH_MAXSTART=-2 is fatal", "R36", "AUTOSSH_MAXSTART", "-2"),
        BadValue("AUTOSSH_LOGLEVEL=8 is fatal", "R32", "AUTOSSH_LOGLEVEL", "8"),
        BadValue("AUTOSSH_LOGLEVEL=abc is fatal and silences its own error", "R32", "AUTOSSH_LOGLEVEL", "abc"),
        BadValue("AUTOSSH_MAXLIFETIME=x is fatal", "R39", "AUTOSSH_MAXLIFETIME", "x"),
        BadValue("An AUTOSSH_MESSAGE of 65 bytes is fatal", "R37", "AUTOSSH_MESSAGE", new string('m', 65)),
        BadValue("An AUTOSSH_LOGFILE that cannot be opened is fatal", "R42", "AUTOSSH_LOGFILE", "/nonexistent/dir/log"),
        // Not in the spec's table (R42 only covers unset): fopen("") fails like any other bad path.
        BadValue("An empty AUTOSSH_LOGFILE cannot be opened and is fatal", "R42", "AUTOSSH_LOGFILE", ""),

        new("With several bad variables the first one in autossh's order is the one reported",
            MZeroHost, Env(("AUTOSSH_GATETIME", "x"), ("AUTOSSH_POLL", "abc")), FakeSshPlan.Exit(0),
            new Expectations { Exit = ExitStatus.Exited(1), Starts = 0, Stderr = new StderrRule.Empty(), LogFileExists = false },
            new Difference("R29 fix, R1 order", "the stderr line names AUTOSSH_POLL, which autossh validates before AUTOSSH_GATETIME",
                new Expectations
                {
                    Exit = ExitStatus.Exited(1),
                    Starts = 0,
                    Stderr = new StderrRule.OneLineNaming("AUTOSSH_POLL"),
                    LogFileExists = false,
                    Extra = o => o.Stderr.Contains("AUTOSSH_GATETIME", StringComparison.Ordinal) ? ["stderr should name only the first bad variable"] : [],
                }))
        { Rules = "R1, R29" },

        new("A 64-byte AUTOSSH_MESSAGE is accepted",
            MZeroHost, NoGateAnd(("AUTOSSH_MESSAGE", new string('m', 64))), FakeSshPlan.Exit(0), RunsOnce(PlainRun))
        { Rules = "R37" },

        new("AUTOSSH_POLL below 30 shortens the network timeout to half the poll",
            MZeroHost, NoGateAnd(("AUTOSSH_POLL", "5")), FakeSshPlan.Exit(0),
            RunsOnce(Ev.Seq(Ev.MonitoringOff, Ev.ShortPoll(2500), Ev.Started(1), Ev.Exiting(0))))
        { Rules = "R52, R33" },

        new("AUTOSSH_POLL=010 is octal 8 seconds",
            MZeroHost, NoGateAnd(("AUTOSSH_POLL", "010")), FakeSshPlan.Exit(0),
            RunsOnce(Ev.Seq(Ev.MonitoringOff, Ev.ShortPoll(4000), Ev.Started(1), Ev.Exiting(0))))
        { Rules = "R29, R33, R52" },

        new("AUTOSSH_POLL=4294967301 wraps to 5 seconds",
            MZeroHost, NoGateAnd(("AUTOSSH_POLL", "4294967301")), FakeSshPlan.Exit(0),
            RunsOnce(Ev.Seq(Ev.MonitoringOff, Ev.ShortPoll(2500), Ev.Started(1), Ev.Exiting(0))))
        { Rules = "R29, R33" },

        new("AUTOSSH_POLL with a leading blank and a plus sign is accepted",
            MZeroHost, NoGateAnd(("AUTOSSH_POLL", " +7")), FakeSshPlan.Exit(0),
            RunsOnce(Ev.Seq(Ev.MonitoringOff, Ev.ShortPoll(3500), Ev.Started(1), Ev.Exiting(0))))
        { Rules = "R29, R33" },

        new("A negative AUTOSSH_POLL silently means 600 seconds",
            MZeroHost, NoGateAnd(("AUTOSSH_POLL", "-5")), FakeSshPlan.Exit(0), RunsOnce(PlainRun))
        { Rules = "R33" },

        new("AUTOSSH_FIRST_POLL does not change the network timeout",
            MZeroHost, NoGateAnd(("AUTOSSH_FIRST_POLL", "5")), FakeSshPlan.Exit(0), RunsOnce(PlainRun))
        { Rules = "R34, R52" },

        new("AUTOSSH_LOGLEVEL=3 keeps only errors",
            MZeroHost, Env(("AUTOSSH_LOGLEVEL", "3")), FakeSshPlan.Exit(1),
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 1,
                Log = [Ev.Premature(1)],
            })
        { Rules = "R85, R32, R61" },

        new("AUTOSSH_LOGLEVEL=0x7 is hex for debug",
            MZeroHost, NoGateAnd(("AUTOSSH_LOGLEVEL", "0x7")), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                LogIncludes = Ev.Seq(Ev.MonitoringOff, "checking for grace period, tries = 0", Ev.Started(1), Ev.Exiting(0)),
            })
        { Rules = "R32, R29, R86", CompareLogSequence = false },

        new("AUTOSSH_DEBUG turns on debug lines and an invalid AUTOSSH_LOGLEVEL is then ignored",
            MZeroHost, NoGateAnd(("AUTOSSH_DEBUG", "1"), ("AUTOSSH_LOGLEVEL", "abc")), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                Stderr = new StderrRule.Empty(),
                LogIncludes = Ev.Seq(Ev.MonitoringOff, "checking for grace period, tries = 0", Ev.Started(1), Ev.Exiting(0)),
                Extra = o => o.Events.Any(e => e == "child of {pid} execing {dir}/fakessh") ? [] : ["missing the debug line \"child of {pid} execing {dir}/fakessh\""],
            })
        { Rules = "R31, R86", CompareLogSequence = false },

        new("AUTOSSH_DEBUG, even empty, copies log lines to stderr when there is no log file",
            MZeroHost, NoGateAnd(("AUTOSSH_DEBUG", ""), ("AUTOSSH_LOGFILE", null)), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                Stderr = new StderrRule.Any(),
                Extra = o =>
                {
                    string[] wanted = ["{prog}[{pid}]: port set to 0, monitoring disabled", "{prog}[{pid}]: starting ssh (count 1)", "{prog}[{pid}]: ssh exited with status 0; {prog} exiting"];
                    return Checks.IsSubsequence(wanted, o.Stderr.Split('\n')) ? [] : ["stderr should carry \"{prog}[{pid}]: text\" copies of the log lines (R31)"];
                },
            })
        { Rules = "R31, R84" },

        new("Without AUTOSSH_LOGFILE nothing is written to the terminal",
            MZeroHost, NoGateAnd(("AUTOSSH_LOGFILE", null)), FakeSshPlan.Exit(0),
            new Expectations { Exit = ExitStatus.Exited(0), Starts = 1, Stdout = "", Stderr = new StderrRule.Empty() })
        { Rules = "R84" },

        new("Unknown AUTOSSH_ variables and AUTOSSH_NTSERVICE are ignored",
            MZeroHost, NoGateAnd(("AUTOSSH_FOO", "bar"), ("AUTOSSH_NTSERVICE", "yes")), FakeSshPlan.Exit(0), RunsOnce(PlainRun))
        { Rules = "R43, R44" },

        new("An empty AUTOSSH_PIDFILE means no pid file",
            MZeroHost, NoGateAnd(("AUTOSSH_PIDFILE", "")), FakeSshPlan.Exit(0), RunsOnce(PlainRun))
        { Rules = "R40" },

        new("A negative AUTOSSH_MAXLIFETIME is practically unlimited and leaves the poll alone",
            MZeroHost, NoGateAnd(("AUTOSSH_MAXLIFETIME", "-1")), FakeSshPlan.Exit(0), RunsOnce(PlainRun))
        { Rules = "R39" },

        new("AUTOSSH_MAXSTART=0 starts nothing and exits 0",
            MZeroHost, Env(("AUTOSSH_MAXSTART", "0")), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 0,
                Log = [Ev.MonitoringOff, Ev.MaxStart],
                PidFileAfter = false,
            })
        { Rules = "R66, R36" },
    ];
}
