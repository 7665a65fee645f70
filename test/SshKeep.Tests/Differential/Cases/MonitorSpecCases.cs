using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>-M and AUTOSSH_PORT: forms, precedence, errors, ranges, number bases (R8–R13, R46, R47, R51, R55).</summary>
public static class MonitorSpecCases
{
    private static readonly IReadOnlyDictionary<string, string?> NoGate = Env(("AUTOSSH_GATETIME", "0"));

    private static Expectations RunsOnce(bool monitoringOff, params string[] argv) => new()
    {
        Exit = ExitStatus.Exited(0),
        Starts = 1,
        Argv = argv,
        Log = monitoringOff ? Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)) : Ev.Seq(Ev.Started(1), Ev.Exiting(0)),
    };

    /// <summary>A fatal start-up error (R10–R12): exit 1, nothing started, no pid file yet (R1 order).</summary>
    private static Expectations Fatal(string logLine) => new()
    {
        Exit = ExitStatus.Exited(1),
        Starts = 0,
        Log = [logLine],
        Stderr = new StderrRule.Empty(),
        PidFileAfter = false,
    };

    /// <summary>sshkeep's fix (docs/compatibility.md row 7): the same log line, plus one stderr line
    /// that names the option and says what is accepted.</summary>
    private static Difference SaysSoOnStderr(string logLine, string naming) =>
        new("R10–R12 fix", "a bad -M or AUTOSSH_PORT is also reported in one line on stderr (same exit status 1)",
            Fatal(logLine) with { Stderr = new StderrRule.OneLineNaming(naming) });

    private static DifferentialCase Rejected(string name, string rules, string spec, string logLine) =>
        new(name, Args("-M", spec, "host"), NoGate, FakeSshPlan.Exit(0), Fatal(logLine), SaysSoOnStderr(logLine, "-M")) { Rules = rules };

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        new("The last -M wins",
            Args("-M", "30000:7", "-M", "20000:0x9", "host"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce(false, "-L", "20000:127.0.0.1:9", "host"))
        { Rules = "R8, R13" },

        new("-M on the command line beats AUTOSSH_PORT, even -M 0",
            Args("-M", "0", "host"), Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PORT", "20000:7")), FakeSshPlan.Exit(0),
            RunsOnce(true, "host"))
        { Rules = "R9" },

        new("An invalid AUTOSSH_PORT is not looked at when -M is given",
            Args("-M", "20000:7", "host"), Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PORT", "abc")), FakeSshPlan.Exit(0),
            RunsOnce(false, "-L", "20000:127.0.0.1:7", "host"))
        { Rules = "R9" },

        new("AUTOSSH_PORT alone sets the monitor",
            Args("host"), Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PORT", "20000:7")), FakeSshPlan.Exit(0),
            RunsOnce(false, "-L", "20000:127.0.0.1:7", "host"))
        { Rules = "R9, R38" },

        new("An invalid AUTOSSH_PORT without -M is fatal",
            Args("host"), Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PORT", "abc")), FakeSshPlan.Exit(0),
            Fatal(Ev.InvalidPort("abc")), SaysSoOnStderr(Ev.InvalidPort("abc"), "AUTOSSH_PORT"))
        { Rules = "R9, R11, R38" },

        new("AUTOSSH_PORT=0 turns monitoring off",
            Args("-N", "host"), Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PORT", "0")), FakeSshPlan.Exit(0),
            RunsOnce(true, "-N", "host"))
        { Rules = "R55, R12" },

        Rejected("An empty echo port is fatal", "R10", "20000:", Ev.InvalidEchoPort("")),
        Rejected("Echo port 0 is fatal", "R10", "20000:0", Ev.InvalidEchoPort("0")),
        Rejected("Anything after the echo port number is fatal", "R10", "20000:7:8", Ev.InvalidEchoPort("7:8")),
        Rejected("The echo port is checked even when the port is 0", "R10", "0:x", Ev.InvalidEchoPort("x")),
        Rejected("An empty port is fatal", "R11", ":7", Ev.InvalidPort("")),
        Rejected("A port with letters is fatal", "R11", "abc", Ev.InvalidPort("abc")),
        Rejected("Port 65535 is out of range", "R12", "65535", Ev.OutOfRange("65535")),
        Rejected("A negative port is out of range and printed as negative", "R12", "-5", Ev.OutOfRange("-5")),
        Rejected("A port beyond 32 bits is reported as its truncated int", "R12", "99999999999", Ev.OutOfRange("1215752191")),

        new("The echo port has no range check",
            Args("-M", "20000:70000", "host"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce(false, "-L", "20000:127.0.0.1:70000", "host"))
        { Rules = "R10" },

        new("A leading blank and a plus sign are accepted, and 07 is octal",
            Args("-M", " +20000:07", "host"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce(false, "-L", "20000:127.0.0.1:7", "host"))
        { Rules = "R11, R13, R29" },

        new("A port that truncates to 0 turns monitoring off",
            Args("-M", "4294967296", "host"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce(true, "host"))
        { Rules = "R12" },

        new("Port 65534 is the highest accepted and the listener takes 65535",
            Args("-M", "65534", "-N", "host"), NoGate, FakeSshPlan.Exit(0),
            RunsOnce(false, "-L", "65534:127.0.0.1:65534", "-R", "65534:127.0.0.1:65535", "-N", "host"))
        { Rules = "R12, R15, R46", SidesInSequence = true },

        new("A busy listener port is fatal before ssh starts",
            Args("-M", "{P}", "host"), NoGate, FakeSshPlan.Exit(0),
            Fatal("bind on 127.0.0.1:{P+1}: Address already in use"))
        { Rules = "R46, R83", NeedsPort = true, OccupyPortPlusOne = true },

        new("A failed connection test kills ssh and starts another",
            Args("-M", "{P}", "-N", "host"), Env(("AUTOSSH_FIRST_POLL", "1")), FakeSshPlan.Hang,
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 2,
                // R47: the fake ssh does not listen on {P}, so the connect is refused at once (R50).
                Log = Ev.Seq(Ev.Started(1), "127.0.0.1:{P}: Connection refused", Ev.PortDown, Ev.Started(2), Ev.SignalToExit(15)),
                SshAliveAfter = false,
                PidFileAfter = false,
            })
        {
            Rules = "R47, R51, R53, R34",
            NeedsPort = true,
            Script = [new Step.AwaitWatching(2), new Step.Send(Sig.Term)],
        },

        new("An octal -M value builds forwards on the octal port in autossh; sshkeep reads decimal",
            Args("-M", "022222", "host"), NoGate, FakeSshPlan.Exit(0),
            // R13: 022222 is octal 9362. Both readings stay below the kernel's ephemeral range
            // (32768+), where an outgoing connection of any other test could hold the port sshkeep
            // binds, and outside the port pools' bands (10000–19599).
            RunsOnce(false, "-L", "9362:127.0.0.1:9362", "-R", "9362:127.0.0.1:9363", "host"),
            new Difference("R13 fix", "-M numbers are decimal, so forwards and test agree on one port",
                RunsOnce(false, "-L", "22222:127.0.0.1:22222", "-R", "22222:127.0.0.1:22223", "host")))
        { Rules = "R13, R96.5" },

        new("A hex -M value fails at autossh's first test; sshkeep rejects it at start",
            Args("-M", "0x5a5a", "host"), Env(("AUTOSSH_FIRST_POLL", "1")), FakeSshPlan.Hang,
            new Expectations
            {
                // R13/R47: forwards on 0x5a5a = 23130, but getaddrinfo() cannot resolve the text "0x5a5a".
                Exit = ExitStatus.Exited(1),
                Starts = 1,
                Argv = ["-L", "23130:127.0.0.1:23130", "-R", "23130:127.0.0.1:23131", "host"],
                Log = Ev.Seq(Ev.Started(1), "Servname not supported for ai_socktype"),
                SshAliveAfter = false,
                PidFileAfter = false,
            },
            new Difference("R13 fix", "a hex monitor port is an invalid port, reported before anything starts",
                new Expectations
                {
                    Exit = ExitStatus.Exited(1),
                    Starts = 0,
                    PidFileAfter = false,
                    Extra = o => o.Events.Count(e => e.Contains("0x5a5a", StringComparison.Ordinal)) == 1
                        ? [] : ["one log line should name the rejected value 0x5a5a"],
                }))
        { Rules = "R13, R47, R90" },
    ];
}
