using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;
using static SshKeep.Tests.Differential.Harness.FakeSshPlan;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>
/// The Debian wrapper /usr/bin/autossh (R3) against sshkeep, which does the wrapper's job itself:
/// without -M and AUTOSSH_PORT a random monitor port is chosen; runs are compared modulo that port.
/// </summary>
public static class WrapperCases
{
    private static readonly string[] RandomForwards = ["-L", "{R}:127.0.0.1:{R}", "-R", "{R}:127.0.0.1:{R+1}"];

    private static IEnumerable<string> PortInRange(Observation o) =>
        // R3: the wrapper picks 32768–65535 (65535 would then be rejected by R12); sshkeep checks
        // for a free port with its own method, so only the usable range is required of it.
        o.RandomPort is { } p && p is >= 1024 and <= 65534 && (o.Keeper != "autossh" || p >= 32768)
            ? [] : [$"random monitor port {o.RandomPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} out of range"];

    private static Expectations RunsOnce(bool monitoringOff, string[] argv, Func<Observation, IEnumerable<string>>? extra = null) => new()
    {
        Exit = ExitStatus.Exited(0),
        Starts = 1,
        Argv = argv,
        Stderr = new StderrRule.Empty(),
        Stdout = "",
        Log = monitoringOff ? Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)) : Ev.Seq(Ev.Started(1), Ev.Exiting(0)),
        Extra = extra,
    };

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        new("Without -M or AUTOSSH_PORT a random monitor port is chosen",
            ["-N", "host"], Env(("AUTOSSH_GATETIME", "0")), Exit(0),
            RunsOnce(false, [.. RandomForwards, "-N", "host"], PortInRange))
        { Rules = "R3, R15", How = Invocation.Wrapper, RandomMonitorPort = true },

        new("An empty AUTOSSH_PORT counts as unset and a random port is chosen",
            ["host"], Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PORT", "")), Exit(0),
            RunsOnce(false, [.. RandomForwards, "host"], PortInRange))
        { Rules = "R3, R9", How = Invocation.Wrapper, RandomMonitorPort = true },

        new("Through the wrapper -- -M host gets a random port and passes -M to ssh",
            ["--", "-M", "host"], Env(("AUTOSSH_GATETIME", "0")), Exit(0),
            RunsOnce(false, [.. RandomForwards, "-M", "host"], PortInRange))
        { Rules = "R3, R16b", How = Invocation.Wrapper, RandomMonitorPort = true },

        new("Through the wrapper -M 0 turns monitoring off",
            ["-M", "0", "host"], Env(("AUTOSSH_GATETIME", "0")), Exit(0),
            RunsOnce(true, ["host"]))
        { Rules = "R3, R55", How = Invocation.Wrapper },

        new("Through the wrapper AUTOSSH_PORT is kept",
            ["host"], Env(("AUTOSSH_GATETIME", "0"), ("AUTOSSH_PORT", "20000:7")), Exit(0),
            RunsOnce(false, ["-L", "20000:127.0.0.1:7", "host"]))
        { Rules = "R3, R9", How = Invocation.Wrapper },

        new("A random-port keeper stops ssh and exits 1 on SIGTERM",
            ["-N", "host"], NoEnv, Hang,
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 1,
                Argv = [.. RandomForwards, "-N", "host"],
                Log = Ev.Seq(Ev.Started(1), Ev.SignalToExit(15)),
                PidFileHeldPid = true,
                PidFileAfter = false,
                SshAliveAfter = false,
                Extra = PortInRange,
            })
        { Rules = "R3, R46, R71", How = Invocation.Wrapper, RandomMonitorPort = true, Script = RunThenSignal(Sig.Term) },
    ];
}
