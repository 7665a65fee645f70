using SshKeep.Tests.Differential.Harness;
using static SshKeep.Tests.Differential.Cases.Build;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>Usage text, -V and the program name (R2, R4, R5, R6, R70).</summary>
public static class UsageCases
{
    /// <summary>
    /// -V and the usage text are autossh's exactly when called as autossh; called as sshkeep they
    /// also name sshkeep's version and commands (docs/compatibility.md, "Called as sshkeep"). So
    /// these cases run both sides through a link named autossh, as installed.
    /// </summary>
    private const Invocation AsAutossh = Invocation.Symlink;

    private static readonly Expectations Version = new()
    {
        Exit = ExitStatus.Exited(0),
        Starts = 0,
        Stdout = "{prog} 1.4g\n",
        Stderr = new StderrRule.Empty(),
    };

    private static Expectations Usage(string? diagnostic = null) => new()
    {
        Exit = ExitStatus.Exited(1),
        Starts = 0,
        Stdout = "",
        Stderr = new StderrRule.Usage(diagnostic),
    };

    public static IReadOnlyList<DifferentialCase> All { get; } =
    [
        new("-V prints the program name and version on stdout and exits 0",
            Args("-V"), NoEnv, FakeSshPlan.Exit(0),
            // R2: the log file is opened while the variables are read, so -V leaves it created and empty.
            Version with { LogFileExists = true, Log = [] })
        { Rules = "R5, R2", How = AsAutossh, SymlinkName = "autossh" },

        new("-V after the host is still acted on because getopt permutes",
            Args("-M", "65534", "host", "-V"), NoEnv, FakeSshPlan.Exit(0), Version)
        { Rules = "R2, R7", How = AsAutossh, SymlinkName = "autossh" },

        new("An invalid option before -V wins and prints the usage",
            Args("-h", "-V"), NoEnv, FakeSshPlan.Exit(0), Usage("{argv0}: invalid option -- 'h'"))
        { Rules = "R2, R4a", How = AsAutossh, SymlinkName = "autossh" },

        new("No arguments at all print the usage on stderr and exit 1",
            Args(), NoEnv, FakeSshPlan.Exit(0), Usage())
        { Rules = "R4", How = AsAutossh, SymlinkName = "autossh" },

        new("An unknown option prints glibc's diagnostic line and the usage",
            Args("-M", "0", "-h", "host"), NoEnv, FakeSshPlan.Exit(0), Usage("{argv0}: invalid option -- 'h'"))
        { Rules = "R4a, R6", How = AsAutossh, SymlinkName = "autossh" },

        new("A long option is unknown to autossh's getopt and prints the usage",
            Args("-M", "0", "--foo", "host"), NoEnv, FakeSshPlan.Exit(0), Usage("{argv0}: invalid option -- '-'"))
        { Rules = "R4a, R6", How = AsAutossh, SymlinkName = "autossh" },

        new("-M without a value prints \"option requires an argument\" and the usage",
            Args("host", "-M"), NoEnv, FakeSshPlan.Exit(0), Usage("{argv0}: option requires an argument -- 'M'"))
        { Rules = "R4b, R8", How = AsAutossh, SymlinkName = "autossh" },

        new("-M 0 with no host left prints the usage",
            Args("-M", "0"), NoEnv, FakeSshPlan.Exit(0), Usage())
        { Rules = "R4d", How = AsAutossh, SymlinkName = "autossh" },

        new("A lone -- after the options leaves no host and prints the usage",
            Args("-M", "0", "--"), NoEnv, FakeSshPlan.Exit(0), Usage())
        { Rules = "R4d, R16a", How = AsAutossh, SymlinkName = "autossh" },

        new("-B is not in autossh's option string; sshkeep takes it as ssh's bind interface",
            Args("-M", "0", "-B", "eth0", "host"), Env(("AUTOSSH_GATETIME", "0")), FakeSshPlan.Exit(0),
            Usage("{argv0}: invalid option -- 'B'"),
            new Difference("R6, R21, R96.2", "OpenSSH 9's value-taking options are parsed, so -B eth0 reaches ssh",
                new Expectations
                {
                    Exit = ExitStatus.Exited(0),
                    Starts = 1,
                    Argv = ["-B", "eth0", "host"],
                    Stderr = new StderrRule.Empty(),
                    Log = Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)),
                }))
        { Rules = "R6" },

        new("A renamed binary prints its own name for -V",
            Args("-V"), NoEnv, FakeSshPlan.Exit(0),
            Version with { Extra = o => o.RawStdout == "mytunnel 1.4g\n" ? [] : [$"raw stdout should be \"mytunnel 1.4g\\n\", got \"{o.RawStdout}\""] })
        { Rules = "R70, R5", How = Invocation.Symlink, SymlinkName = "mytunnel" },

        new("A renamed binary logs under its own name and says so when exiting",
            Args("-M", "0", "host"), Env(("AUTOSSH_GATETIME", "0")), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(0),
                Starts = 1,
                Log = Ev.Seq(Ev.MonitoringOff, Ev.Started(1), Ev.Exiting(0)),
                Extra = o => o.Log.Count > 0 && o.Log.All(l => l.Program == "mytunnel")
                             && o.Log[^1].Raw.EndsWith("; mytunnel exiting", StringComparison.Ordinal)
                    ? [] : ["every log line should be from mytunnel[pid] and the last one end in \"; mytunnel exiting\""],
            })
        { Rules = "R70, R84", How = Invocation.Symlink, SymlinkName = "mytunnel" },

        new("An invalid AUTOSSH_POLL makes even -V fail",
            Args("-V"), Env(("AUTOSSH_POLL", "abc")), FakeSshPlan.Exit(0),
            new Expectations
            {
                Exit = ExitStatus.Exited(1),
                Starts = 0,
                Stdout = "",
                Stderr = new StderrRule.Empty(),
                LogFileExists = false,
            },
            new Difference("R29 fix", "the bad value is also reported in one line on stderr",
                new Expectations
                {
                    Exit = ExitStatus.Exited(1),
                    Starts = 0,
                    Stdout = "",
                    Stderr = new StderrRule.OneLineNaming("AUTOSSH_POLL"),
                    LogFileExists = false,
                }))
        { Rules = "R2, R29, R33" },
    ];
}
