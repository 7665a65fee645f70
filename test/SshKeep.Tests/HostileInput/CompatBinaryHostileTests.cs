using SshKeep.Compat;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// A handful of the random command lines through the real binary: the exit status is the one
/// docs/exit-codes.md gives for that decision (0 version, 1 usage or a start-up error), and no
/// stack trace ever reaches stderr. Only cases that end before ssh would start are run, and
/// without AUTOSSH_LOGFILE/AUTOSSH_PIDFILE, so nothing is written anywhere.
/// </summary>
public sealed class CompatBinaryHostileTests
{
    private static readonly string[] SafeVariables =
        [.. CompatCommandLineHostileTests.Variables.Where(v => v is not ("AUTOSSH_LOGFILE" or "AUTOSSH_PIDFILE"))];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Hostile_command_lines_exit_with_the_documented_status_and_no_stack_trace(int seed) =>
        await Property.ForAllAsync(seed, 6, NextEndingBeforeSsh, async c =>
        {
            var expected = CompatCommandLine.Parse(SshkeepBinary.Path, c.Args, c.Environment, () => 20000) is CompatParseResult.ShowVersion ? 0 : 1;
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["POSIXLY_CORRECT"] = null };
            foreach (var name in CompatCommandLineHostileTests.Variables) environment[name] = null;
            foreach (var (name, value) in c.Environment) environment[name] = value;

            var result = await Run.ProgramAsync(SshkeepBinary.Path, c.Args, TimeSpan.FromSeconds(30), environment);

            Assert.False(result.TimedOut, "sshkeep hung");
            Assert.Equal(expected, result.ExitCode);
            HostileAssert.NoStackTrace(result.StandardError, "stderr");
            HostileAssert.NoStackTrace(result.StandardOutput, "stdout");
        }, c => c.ToString());

    /// <summary>A random case whose decision is not "run ssh" (and whose first word is not one of
    /// sshkeep's own verbs, which would leave compatibility mode).</summary>
    private static CompatCommandLineHostileTests.Case NextEndingBeforeSsh(Random random)
    {
        while (true)
        {
            var c = CompatCommandLineHostileTests.Case.Next(random, encodable: true, SafeVariables);
            if (c.Args.Count > 0 && SshKeep.Cli.DaemonCommandLine.Verbs.Contains(c.Args[0])) continue;
            if (CompatCommandLine.Parse(SshkeepBinary.Path, c.Args, c.Environment, () => 20000) is not CompatParseResult.Run) return c;
        }
    }
}
