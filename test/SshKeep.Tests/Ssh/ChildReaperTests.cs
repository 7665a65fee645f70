using System.Diagnostics;
using SshKeep.Native;
using SshKeep.Ssh;
using SshKeep.Tests.Integration.Infrastructure;


namespace SshKeep.Tests.Ssh;

public sealed class ChildReaperTests
{
    [Fact]
    public async Task Child_that_ended_before_it_was_tracked_is_still_reaped()
    {
        using var reaper = new ChildReaper();
        var environment = PosixSpawn.EnvironmentWith(null);
        Assert.True(PosixSpawn.TrySpawn(new SpawnRequest("/bin/sh", ["sh", "-c", "exit 4"], environment), out int pid, out _));

        // Its SIGCHLD came and went while nobody tracked it: only the check in Track can see it.
        await Eventually.WaitUntilAsync(() => ProcFs.State(pid) == "Z", "the untracked child is a zombie");
        var child = reaper.Track(pid);

        Assert.Equal(ChildExit.Exited(4), await child.Exited.Within());
        Assert.True(child.IsReaped);
        Assert.Null(ProcFs.State(pid));
    }

    [Theory]
    [InlineData("exit 3", 3, 0)]
    [InlineData("kill -9 $$", 0, 9)]
    public async Task A_held_child_is_seen_to_end_and_stays_a_zombie_until_released(string script, int status, int signal)
    {
        // The zombie keeps the pid, and so the process group's id, from being reused while the
        // group is still signalled (Ssh/ProcessGroupEnd).
        using var reaper = new ChildReaper();
        var environment = PosixSpawn.EnvironmentWith(null);
        Assert.True(PosixSpawn.TrySpawn(new SpawnRequest("/bin/sh", ["sh", "-c", script], environment), out int pid, out _));
        var child = reaper.Track(pid, holdZombie: true);

        Assert.Equal(signal == 0 ? ChildExit.Exited(status) : ChildExit.Killed(signal), await child.Exited.Within());
        Assert.Equal("Z", ProcFs.State(pid));
        Assert.False(child.IsReaped);

        child.Release();

        Assert.True(child.IsReaped);
        Assert.Null(ProcFs.State(pid));
        Assert.False(child.Signal(0));
    }

    [Fact]
    public async Task Stop_and_continue_are_seen_and_the_later_exit_too()
    {
        using var reaper = new ChildReaper();
        var environment = PosixSpawn.EnvironmentWith(null);
        Assert.True(PosixSpawn.TrySpawn(new SpawnRequest("/bin/sleep", ["sleep", "100"], environment), out int pid, out _));
        var child = reaper.Track(pid);
        try
        {
            Assert.True(child.Signal(19)); // SIGSTOP
            await child.Stopped.Within();
            Assert.True(child.Signal(18)); // SIGCONT
            await Eventually.WaitUntilAsync(() => ProcFs.State(pid) is "S" or "R", "the child runs again");

            Assert.True(child.Signal(15));

            Assert.Equal(ChildExit.Killed(15), await child.Exited.Within());
            Assert.False(child.Signal(9)); // reaped: no signal is sent
        }
        finally
        {
            if (!child.IsReaped) child.Signal(9);
            await child.Exited.Within();
        }
    }

    [Fact]
    public async Task Children_of_System_Diagnostics_Process_and_ours_do_not_steal_each_others_status()
    {
        // The runtime reaps the children Process started; we reap ours by pid. Neither may take the other's.
        using var reaper = new ChildReaper();
        var environment = PosixSpawn.EnvironmentWith(null);
        using var theirs = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exit 6"]))!;
        Assert.True(PosixSpawn.TrySpawn(new SpawnRequest("/bin/sh", ["sh", "-c", "exit 5"], environment), out int pid, out _));
        var ours = reaper.Track(pid);

        await theirs.WaitForExitAsync().WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(6, theirs.ExitCode);
        Assert.Equal(ChildExit.Exited(5), await ours.Exited.Within());
    }

    [Fact]
    public void A_pid_that_is_not_our_child_faults_Exited_instead_of_hanging()
    {
        using var reaper = new ChildReaper();

        var child = reaper.Track(1); // init: never our child

        Assert.True(child.Exited.IsFaulted);
        Assert.IsType<InvalidOperationException>(child.Exited.Exception!.InnerException);
        Assert.False(child.Signal(0));
    }
}
