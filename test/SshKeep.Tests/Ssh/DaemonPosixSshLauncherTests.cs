using System.Globalization;
using SshKeep.Ssh;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Ssh;

/// <summary>
/// Every launcher test again with the daemon's launcher: started on the spawner thread through
/// <c>setpriv --pdeathsig TERM</c> (docs/daemon.md, "Parent-death signal"), which must change
/// nothing the child sees but its argv[0] (the file found in PATH).
/// </summary>
public sealed class DaemonPosixSshLauncherTests : PosixSshLauncherTests
{
    private static string Setpriv =>
        ParentDeathSignal.Setpriv(out var problem) ?? throw new InvalidOperationException($"these tests need setpriv --pdeathsig: {problem}");

    private protected override PosixSshLauncher NewLauncher(ChildReaper reaper, TimeProvider time) =>
        new(reaper, time, Setpriv, Environment.GetEnvironmentVariable("PATH"));

    [Fact]
    public async Task Setpriv_execs_the_program_in_the_same_process_a_child_of_ours()
    {
        var process = Start(new SshStartInfo("sleep", ["100"]));

        // Once setpriv has exec'd, the pid the launcher returned is sleep itself. Its name says so
        // only after that exec (before it, the child is the spawner's clone, then setpriv, and its
        // cmdline may read empty in between).
        await Eventually.WaitUntilAsync(() => ReadComm(process.Pid) == "sleep", "setpriv has exec'd the program");
        var argv = ReadCmdline(process.Pid);
        Assert.Equal([SshKeep.Native.ProgramSearch.Find("sleep", Environment.GetEnvironmentVariable("PATH"), out _)!, "100"], argv);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ProcFs.StatusField(process.Pid, "PPid"));
    }

    [Fact]
    public void A_program_not_found_in_PATH_is_an_error_of_the_start_as_without_setpriv()
    {
        var error = Assert.Throws<SshStartException>(() => Start(new SshStartInfo("sshkeep-no-such-program", ["host"])));

        Assert.Equal("sshkeep-no-such-program: No such file or directory", error.Message);
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string[] ReadCmdline(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return [];
        }
    }
}
