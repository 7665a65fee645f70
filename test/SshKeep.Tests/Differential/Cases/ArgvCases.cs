using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>GNU getopt permutation and how the ssh command line is built (R7, R14–R22, R41).</summary>
public static class ArgvCases
{
    private static readonly IReadOnlyDictionary<string, string?> NoGate = Env(("AUTOSSH_GATETIME", "0"));

    /// <summary>-M 0, ssh exits 0 at once, no gate: one start, exit 0 (R61), ssh's argv is the point.</summary>
    private static Expectations RunsOnce(params string[] argv) => new()
    {
        Exit = ExitStatus.Exited(0),
        Starts = 1,
        Argv = argv,
        Stderr = new StderrRule.Empty(),
        Log = Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)),
    };

    private static DifferentialCase Case(string name, string rules, string[] args, params string[] argv) =>
        new(name, args, NoGate, FakeSshPlan.Exit(0), RunsOnce(argv)) { Rules = rules };

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        Case("Options after the host are moved before it by GNU getopt", "R7",
            Args("-M", "0", "host", "ls", "-la"),
            "-la", "host", "ls"),

        Case("An option's separate value travels with it when options are permuted", "R6, R7",
            Args("-M", "0", "host", "-p", "2222", "uptime"),
            "-p", "2222", "host", "uptime"),

        Case("The first -- is dropped and later ones reach ssh", "R16a, R7",
            Args("-M", "0", "--", "host", "--", "x", "--", "y"),
            "host", "--", "x", "--", "y"),

        Case("-M after -- reaches ssh as its own -M option", "R16b, NEWS.Debian",
            Args("-M", "0", "--", "-M", "host"),
            "-M", "host"),

        new("The monitor forwards come first whatever the position of -M",
            Args("-N", "host", "-M", "{P}", "-L", "1:a:2"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce("-L", "{P}:127.0.0.1:{P}", "-R", "{P}:127.0.0.1:{P+1}", "-N", "-L", "1:a:2", "host")
                with { Log = Ev.Seq(Ev.Started(1), Ev.Exiting(0)) })
        { Rules = "R15, R46", NeedsPort = true },

        new("Echo mode adds a single forward to the echo port",
            Args("-M", "20000:7", "host"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce("-L", "20000:127.0.0.1:7", "host") with { Log = Ev.Seq(Ev.Started(1), Ev.Exiting(0)) })
        { Rules = "R15, R10" },

        Case("Empty arguments are never passed to ssh", "R16d, R19",
            Args("-M", "0", "host", "", "x"),
            "host", "x"),

        Case("-o ProxyJump=jump passes through unchanged", "R21",
            Args("-M", "0", "-o", "ProxyJump=jump", "-N", "host"),
            "-o", "ProxyJump=jump", "-N", "host"),

        Case("An f after an argument-taking letter is kept", "R17",
            Args("-M", "0", "-lfoo", "-L8080:f:80", "-ofoo=bar", "host"),
            "-lfoo", "-L8080:f:80", "-ofoo=bar", "host"),

        new("f is stripped from remote-command words after -- in autossh, not in sshkeep",
            Args("-M", "0", "-lfoo", "host", "--", "-f", "-af", "-lf"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce("-lfoo", "host", "-a", "-lf"),
            new Difference("R16c, R17 fix", "only autossh's own -f is removed; words after -- reach ssh untouched",
                RunsOnce("-lfoo", "host", "-f", "-af", "-lf")))
        { Rules = "R16c, R17, R19" },

        new("An option value that starts with -f loses the f in autossh, not in sshkeep",
            Args("-M", "0", "-l", "-fred", "-o", "-fox", "host"), NoGate, FakeSshPlan.Exit(0),
            // R17: every copied element that starts with '-' goes through f removal, option values
            // included ("-fred" is -l's value, so autossh itself does not daemonise).
            RunsOnce("-l", "-red", "-o", "-ox", "host"),
            new Difference("R17 fix", "f is removed only as autossh's own option, never from inside other arguments",
                RunsOnce("-l", "-fred", "-o", "-fox", "host")))
        { Rules = "R16c, R17" },

        new("-J takes its value in sshkeep but is a flag in autossh 1.4g",
            Args("-M", "0", "-J", "jump", "-N", "host"), NoGate, FakeSshPlan.Exit(0),
            // R21: the flag -J lets permutation move "jump" behind -N.
            RunsOnce("-J", "-N", "jump", "host"),
            new Difference("R21 fix", "OpenSSH 9's value-taking options are parsed, so -J keeps its value",
                RunsOnce("-J", "jump", "-N", "host")))
        { Rules = "R21, R96.2" },

        new("-NM 20000:7 leaks -M to ssh in autossh, not in sshkeep",
            Args("-NM", "20000:7", "host"), NoGate, FakeSshPlan.Exit(0),
            // The copy step drops only elements that start with -M (R16b), so -NM and its value go on.
            RunsOnce("-L", "20000:127.0.0.1:7", "-NM", "20000", "host") with { Log = Ev.Seq(Ev.Started(1), Ev.Exiting(0)) },
            new Difference("R20 fix", "-M inside a flag cluster is autossh's option and never reaches ssh",
                RunsOnce("-L", "20000:127.0.0.1:7", "-N", "host") with { Log = Ev.Seq(Ev.Started(1), Ev.Exiting(0)) }))
        { Rules = "R16b, R20" },

        new("AUTOSSH_PATH without a slash is looked up in PATH",
            Args("-M", "0", "-N", "host"),
            Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PATH", "fakessh"), ("PATH", "{dir}:/usr/local/bin:/usr/bin:/bin")),
            FakeSshPlan.Exit(0), RunsOnce("-N", "host"))
        { Rules = "R14, R30" },

        new("ssh runs in the keeper's working directory",
            Args("-M", "0", "-N", "host"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce("-N", "host") with { Cwd = "{dir}" })
        { Rules = "R22" },

        new("ssh inherits the keeper's environment, AUTOSSH_ variables included",
            Args("-M", "0", "-N", "host"),
            Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_MESSAGE", "hello"), ("SSHKEEP_DIFF_ENV", "1"), ("LANGUAGE", "xx_test")),
            FakeSshPlan.Exit(0),
            RunsOnce("-N", "host") with
            {
                Extra = o =>
                {
                    if (o.Starts.Count == 0) return [];
                    var env = o.Starts[0].Environment;
                    string[] wanted = ["AUTOSSH_GATETIME=0", "AUTOSSH_MESSAGE=hello", "AUTOSSH_PATH={dir}/fakessh", "AUTOSSH_LOGFILE={dir}/log", "LANGUAGE=xx_test"];
                    return wanted.Where(w => !env.TryGetValue(w.Split('=')[0], out var v) || v != w.Split('=', 2)[1])
                                 .Select(w => $"ssh's environment lacks {w}");
                },
            })
        { Rules = "R22, R44" },

        new("A missing ssh program ends the keeper with 1",
            Args("-M", "0", "-N", "host"), Env(("AUTOSSH_PATH", "/nonexistent/ssh")), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 0,
                // R60: the child logs the exec failure and SIGTERMs autossh; whether autossh reads the
                // child's exit first or the signal first varies, so only these lines are compared.
                LogIncludes = Ev.Seq(Ev.MonitoringOff, Ev.Starting(1), "/nonexistent/ssh: No such file or directory"),
                PidFileAfter = false,
            })
        { Rules = "R60, R90", CompareLogSequence = false },

        new("An empty AUTOSSH_PATH runs the first ssh argument as the program",
            Args("-M", "0", "-N", "host"), Env(("AUTOSSH_PATH", "")), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 0,
                LogIncludes = Ev.Seq(Ev.MonitoringOff, Ev.Starting(1), "-N: No such file or directory"),
                PidFileAfter = false,
            })
        { Rules = "R41, R14, R19", CompareLogSequence = false },
    ];
}
