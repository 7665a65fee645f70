using SshKeep.Compat;
using SshKeep.Ssh;

namespace SshKeep.Tests.Compat;

/// <summary>Spec R61's verified matrix, row by row.</summary>
public class AutosshExitRuleTests
{
    public static TheoryData<string, int?, int?, int, int, long, bool, int> Matrix => new()
    {
        // description, status, signal, run, gate, lived seconds, restart?, exit code
        { "exit 0 inside the gate on run 1 is premature", 0, null, 1, 30, 5, false, 1 },
        { "exit 1 inside the gate on run 1 is premature", 1, null, 1, 30, 0, false, 1 },
        { "exit 2 inside the gate on run 1 is premature", 2, null, 1, 30, 30, false, 1 },
        { "exit 255 inside the gate on run 1 is premature", 255, null, 1, 30, 3, false, 1 },
        { "exit 3 inside the gate on run 1 is premature", 3, null, 1, 30, 3, false, 1 },
        { "a signal inside the gate restarts", null, 9, 1, 30, 0, true, 0 },
        { "a SIGHUP death inside the gate restarts", null, 1, 1, 30, 0, true, 0 },
        { "exit 0 after the gate on run 1 exits 0", 0, null, 1, 1, 2, false, 0 },
        { "exit 1 after the gate on run 1 exits 1", 1, null, 1, 1, 2, false, 1 },
        { "exit 2 after the gate on run 1 exits 1", 2, null, 1, 1, 2, false, 1 },
        { "exit 127 after the gate on run 1 exits 1", 127, null, 1, 1, 2, false, 1 },
        { "exit 255 after the gate on run 1 restarts", 255, null, 1, 1, 2, true, 0 },
        { "exit 0 with gate 0 exits 0", 0, null, 1, 0, 0, false, 0 },
        { "exit 1 with gate 0 restarts", 1, null, 1, 0, 0, true, 0 },
        { "exit 2 with gate 0 restarts", 2, null, 1, 0, 0, true, 0 },
        { "exit 3 with gate 0 exits 1", 3, null, 1, 0, 0, false, 1 },
        { "exit 5 with gate 0 exits 1", 5, null, 1, 0, 0, false, 1 },
        { "exit 255 with gate 0 restarts", 255, null, 1, 0, 0, true, 0 },
        { "exit 0 on a later run exits 0", 0, null, 2, 30, 0, false, 0 },
        { "exit 1 on a later run restarts even inside the gate", 1, null, 2, 30, 0, true, 0 },
        { "exit 2 on a later run restarts", 2, null, 7, 30, 0, true, 0 },
        { "exit 127 on a later run exits 1", 127, null, 3, 30, 100, false, 1 },
        { "exit 137 as a status is not a signal", 137, null, 3, 30, 100, false, 1 },
        { "exit 255 on a later run restarts", 255, null, 4, 30, 0, true, 0 },
        { "a signal on a later run restarts", null, 15, 9, 30, 0, true, 0 },
        { "the gate window includes its last whole second", 1, null, 1, 30, 30, false, 1 },
        { "one second past the gate is no longer premature", 255, null, 1, 30, 31, true, 0 },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Reads_an_ssh_exit_as_autossh_does(string description, int? status, int? signal, int run, int gate, long lived, bool restart, int exitCode)
    {
        var exit = signal is { } s ? ChildExit.Killed(s) : ChildExit.Exited(status!.Value);

        var verdict = AutosshExitRule.Read(exit, run, gate, startedAtSeconds: 1000, endedAtSeconds: 1000 + lived);

        Assert.True(verdict.Restart == restart, description);
        if (!restart) Assert.Equal(exitCode, verdict.ExitCode);
    }

    [Fact]
    public void A_premature_exit_names_its_case_for_the_log()
    {
        var verdict = AutosshExitRule.Read(ChildExit.Exited(0), 1, 30, 0, 10);

        Assert.Equal(ChildExitCase.Premature, verdict.Case);
    }
}
