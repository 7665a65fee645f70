using System.Globalization;
using SshKeep.Native;
using SshKeep.Ssh;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;


namespace SshKeep.Tests.Ssh;

public class PosixSshLauncherTests : IDisposable
{
    private readonly ChildReaper _reaper = new();
    private readonly List<ISshProcess> _started = [];

    /// <summary>The launcher under test: compatibility mode's, started on the calling thread.</summary>
    private protected virtual PosixSshLauncher NewLauncher(ChildReaper reaper, TimeProvider time) => new(reaper, time);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        // Every child a test started is stopped and reaped, whatever the test did.
        foreach (var process in _started)
        {
            process.DisposeAsync().AsTask().Wait(Eventually.DefaultTimeout);
        }
        _reaper.Dispose();
    }

    private protected ISshProcess Start(SshStartInfo info, TimeProvider? time = null)
    {
        var process = NewLauncher(_reaper, time ?? TimeProvider.System).Start(info);
        _started.Add(process);
        return process;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(255)]
    [InlineData(137)]
    public async Task Exit_status_is_reported_exactly(int status)
    {
        var process = Start(Sh.Script($"exit {status}"));

        var exit = await process.Exited.Within();

        Assert.Equal(ChildExit.Exited(status), exit);
        Assert.False(exit.WasSignaled);
    }

    [Fact]
    public async Task Killed_by_SIGKILL_is_told_apart_from_exit_status_137()
    {
        var killed = Start(new SshStartInfo("/bin/sleep", ["100"]));
        var exited = Start(Sh.Script("exit 137"));

        LibC.kill(killed.Pid, 9);

        Assert.Equal(ChildExit.Killed(9), await killed.Exited.Within());
        Assert.Equal(ChildExit.Exited(137), await exited.Exited.Within());
    }

    [Fact]
    public async Task Child_that_kills_itself_with_a_signal_is_reported_as_killed()
    {
        var process = Start(Sh.Script("kill -HUP $$"));

        Assert.Equal(ChildExit.Killed(1), await process.Exited.Within());
    }

    [Fact]
    public async Task Program_without_a_slash_is_found_through_PATH()
    {
        var process = Start(new SshStartInfo("sh", ["-c", "exit 7"]));

        Assert.Equal(ChildExit.Exited(7), await process.Exited.Within());
    }

    [Fact]
    public void Nonexistent_program_throws_SshStartException_with_the_reason()
    {
        var launcher = NewLauncher(_reaper, TimeProvider.System);

        var error = Assert.Throws<SshStartException>(() => launcher.Start(new SshStartInfo("/nonexistent/ssh", ["host"])));

        Assert.Equal("/nonexistent/ssh", error.Program);
        Assert.Equal("No such file or directory", error.Reason);
        Assert.Equal("/nonexistent/ssh: No such file or directory", error.Message);
    }

    [Fact]
    public void Program_that_is_not_executable_throws_permission_denied()
    {
        var launcher = NewLauncher(_reaper, TimeProvider.System);
        string file = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var error = Assert.Throws<SshStartException>(() => launcher.Start(new SshStartInfo(file, [])));

            Assert.Equal("Permission denied", error.Reason);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Stopped_child_completes_Stopped_and_StopAsync_still_reaps_it_within_grace()
    {
        var process = Start(new SshStartInfo("/bin/sleep", ["100"]));

        LibC.kill(process.Pid, 19); // SIGSTOP
        await process.Stopped.Within();
        Assert.Equal("T", ProcFs.State(process.Pid));
        Assert.False(process.Exited.IsCompleted);

        var exit = await process.StopAsync(TimeSpan.FromSeconds(20)).Within();

        // SIGTERM did it (SIGCONT let the stopped child act on it): no SIGKILL was needed.
        Assert.Equal(ChildExit.Killed(15), exit);
    }

    [Fact]
    public async Task Child_that_ignores_SIGTERM_gets_SIGKILL_after_the_grace_period()
    {
        var clock = new ManualTimeProvider();
        var process = Start(Sh.Script("trap '' TERM; echo ready >&2; exec sleep 100", captureStderr: true), clock);
        Assert.Equal("ready", await Eventually.FirstLine(process.StandardErrorLines));

        var stopping = process.StopAsync(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => clock.ArmedTimers > 0, "StopAsync waits for the grace period");
        Assert.False(stopping.IsCompleted);
        Assert.True(ProcFs.IsAlive(process.Pid));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(ChildExit.Killed(9), await stopping.Within());
    }

    [Fact]
    public async Task StopAsync_with_zero_grace_kills_at_once()
    {
        var process = Start(Sh.Script("trap '' TERM; echo ready >&2; exec sleep 100", captureStderr: true));
        Assert.Equal("ready", await Eventually.FirstLine(process.StandardErrorLines));

        Assert.Equal(ChildExit.Killed(9), await process.StopAsync(TimeSpan.Zero).Within());
    }

    [Fact]
    public async Task StopAsync_refuses_an_infinite_grace()
    {
        var process = Start(new SshStartInfo("/bin/sleep", ["100"]));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => process.StopAsync(Timeout.InfiniteTimeSpan));
        Assert.True(ProcFs.IsAlive(process.Pid));
    }

    [Fact]
    public async Task StopAsync_on_an_ended_child_returns_how_it_ended()
    {
        var process = Start(Sh.Script("exit 3"));
        await process.Exited.Within();

        Assert.Equal(ChildExit.Exited(3), await process.StopAsync(TimeSpan.FromSeconds(1)).Within());
    }

    [Fact]
    public async Task Standard_error_is_captured_line_by_line_until_EOF()
    {
        var process = Start(Sh.Script("echo one >&2; printf 'two\\r\\n\\nthree' >&2; echo out", captureStderr: true));

        var lines = await Eventually.AllLines(process.StandardErrorLines);

        Assert.Equal(["one", "two", "", "three"], lines);
        Assert.Equal(ChildExit.Exited(0), await process.Exited.Within());
    }

    [Fact]
    public async Task Without_capture_standard_error_lines_are_empty()
    {
        var process = Start(Sh.Script("exit 0"));

        Assert.Empty(await Eventually.AllLines(process.StandardErrorLines));
    }

    [Fact]
    public async Task Disposing_a_process_ends_the_stderr_reader_even_if_a_grandchild_holds_its_stderr()
    {
        // The background sleep keeps stderr open after sh exits, so EOF never comes by itself.
        var process = Start(Sh.Script("sleep 100 & echo $! >&2", captureStderr: true));
        int grandchild = int.Parse(await Eventually.FirstLine(process.StandardErrorLines), CultureInfo.InvariantCulture);
        try
        {
            await process.Exited.Within();

            await process.DisposeAsync();

            await Eventually.AllLines(process.StandardErrorLines); // completes instead of hanging
        }
        finally
        {
            if (ProcFs.IsAlive(grandchild)) KillByPid(grandchild);
        }
    }

    [Fact]
    public async Task Child_starts_with_SIGPIPE_and_every_other_signal_at_the_default_action()
    {
        // The premise: the .NET runtime ignores SIGPIPE in our own process.
        ulong ours = ulong.Parse(ProcFs.StatusField(Environment.ProcessId, "SigIgn")!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.NotEqual(0UL, ours & (1UL << (13 - 1)));

        var process = Start(new SshStartInfo("/bin/sleep", ["100"]));

        string? ignored = ProcFs.StatusField(process.Pid, "SigIgn");
        string? blocked = ProcFs.StatusField(process.Pid, "SigBlk");

        Assert.NotNull(ignored);
        ulong ignoredMask = ulong.Parse(ignored, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(0UL, ignoredMask & (1UL << (13 - 1))); // SIGPIPE
        // Signals 1–31 all at their default. (glibc's posix_spawn itself leaves its two internal
        // real-time signals, 32 and 33, ignored; a glibc program reinstalls them when it needs them.)
        Assert.Equal(0UL, ignoredMask & 0x7FFF_FFFFUL);
        Assert.Equal(0UL, ulong.Parse(blocked!, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Environment_overrides_are_set_and_removed_and_the_rest_is_inherited()
    {
        const string removed = "SSHKEEP_TEST_REMOVE_ME";
        const string inherited = "SSHKEEP_TEST_INHERITED";
        Environment.SetEnvironmentVariable(removed, "present");
        Environment.SetEnvironmentVariable(inherited, "kept");
        try
        {
            var process = Start(Sh.Script(
                $"echo \"${{{removed}-unset}}|${{SSHKEEP_TEST_SET}}|${{{inherited}}}\" >&2",
                captureStderr: true,
                environment: new Dictionary<string, string?> { [removed] = null, ["SSHKEEP_TEST_SET"] = "a b=c" }));

            Assert.Equal(["unset|a b=c|kept"], await Eventually.AllLines(process.StandardErrorLines));
        }
        finally
        {
            Environment.SetEnvironmentVariable(removed, null);
            Environment.SetEnvironmentVariable(inherited, null);
        }
    }

    [Fact]
    public async Task Arguments_are_passed_as_argv_without_a_shell()
    {
        var process = Start(new SshStartInfo("/bin/sh",
            ["-c", "for a in \"$@\"; do echo \"[$a]\" >&2; done", "name", "two words", "$HOME", "*", "é"],
            CaptureStandardError: true));

        Assert.Equal(["[two words]", "[$HOME]", "[*]", "[é]"], await Eventually.AllLines(process.StandardErrorLines));
    }

    [Fact]
    public async Task Our_own_file_descriptors_do_not_leak_into_the_child()
    {
        // Another capturing child is running meanwhile, so our end of its stderr socket is open in our process.
        var other = Start(Sh.Script("echo x >&2; exec sleep 100", captureStderr: true));
        await Eventually.FirstLine(other.StandardErrorLines);

        // Looked at from outside: a shell would add descriptors of its own.
        var process = Start(new SshStartInfo("/bin/sleep", ["100"], CaptureStandardError: true));
        // posix_spawn returns once the child has replaced its memory image, a moment before the kernel
        // closes the close-on-exec fds, and sleep then opens locale files for a moment. Look once it
        // sleeps: nothing of either kind is left then.
        await Eventually.WaitUntilAsync(() => ReadProc(process.Pid, "wchan").Contains("nanosleep"), "the child sleeps");
        var childFds = Directory.GetFiles($"/proc/{process.Pid}/fd")
            .Select(f => int.Parse(Path.GetFileName(f), CultureInfo.InvariantCulture))
            .ToList();

        // Only 0–2, plus whatever our own parent gave us without close-on-exec (not ours to close).
        var inheritable = FdsWithoutCloseOnExec();
        Assert.All(childFds, fd => Assert.True(fd <= 2 || inheritable.Contains(fd), $"fd {fd} leaked into the child"));
        Assert.StartsWith("socket:", new FileInfo($"/proc/{process.Pid}/fd/2").LinkTarget);
    }

    [Fact]
    public async Task New_process_group_lets_a_stop_reach_what_the_child_started()
    {
        var process = Start(Sh.Script("sleep 100 & echo $! >&2; wait", captureStderr: true, newGroup: true));
        int grandchild = int.Parse(await Eventually.FirstLine(process.StandardErrorLines), CultureInfo.InvariantCulture);
        try
        {
            Assert.Equal(process.Pid.ToString(CultureInfo.InvariantCulture),
                File.ReadAllText($"/proc/{process.Pid}/stat").Split(' ')[4]); // pgrp == pid

            await process.StopAsync(TimeSpan.FromSeconds(20)).Within();

            await Eventually.WaitUntilAsync(() => !ProcFs.IsAlive(grandchild), "the grandchild is gone");
        }
        finally
        {
            if (ProcFs.IsAlive(grandchild)) KillByPid(grandchild);
        }
    }

    [Fact]
    public async Task Many_children_ending_at_once_are_each_reaped_with_their_own_status()
    {
        var processes = Enumerable.Range(0, 60)
            .Select(i => (Status: i % 7 == 0 ? 255 : i, Process: Start(Sh.Script($"exit {(i % 7 == 0 ? 255 : i)}"))))
            .ToList();
        var killed = Enumerable.Range(0, 10).Select(_ => Start(new SshStartInfo("/bin/sleep", ["100"]))).ToList();
        foreach (var process in killed) LibC.kill(process.Pid, 9);

        foreach (var (status, process) in processes)
        {
            Assert.Equal(ChildExit.Exited(status), await process.Exited.Within());
        }
        foreach (var process in killed)
        {
            Assert.Equal(ChildExit.Killed(9), await process.Exited.Within());
        }
    }

    [Fact]
    public async Task Disposing_a_running_process_stops_and_reaps_it()
    {
        var process = Start(new SshStartInfo("/bin/sleep", ["100"]));

        await process.DisposeAsync().AsTask().Within();

        Assert.Equal(ChildExit.Killed(15), await process.Exited);
        Assert.Null(ProcFs.State(process.Pid));
    }

    private static HashSet<int> FdsWithoutCloseOnExec()
    {
        var result = new HashSet<int>();
        foreach (string path in Directory.GetFiles("/proc/self/fdinfo"))
        {
            try
            {
                string? flags = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal));
                if (flags is null) continue;
                long value = Convert.ToInt64(flags["flags:".Length..].Trim(), 8);
                if ((value & 0x80000) == 0) result.Add(int.Parse(Path.GetFileName(path), CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // fd closed while we looked
            }
        }
        return result;
    }

    private static string ReadProc(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void KillByPid(int pid) => LibC.kill(pid, 9);
}
