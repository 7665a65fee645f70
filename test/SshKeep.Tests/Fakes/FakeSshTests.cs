using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Fakes;

public sealed class FakeSshTests
{
    [Fact]
    public async Task Fake_ssh_records_its_pid_start_time_and_every_argument_unambiguously()
    {
        using var fake = FakeSsh.Always("exit 0");
        string[] arguments = ["-N", "tab\there", "", "back\\slash", "new\nline", "ends with tab\t", "-o", "ServerAliveInterval=1"];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var result = await Run.ProgramAsync(FakeSsh.ScriptPath, arguments, environment: fake.Environment);

        Assert.True(result.Succeeded, result.StandardError);
        var start = Assert.Single(fake.Starts());
        Assert.Equal(arguments, start.Arguments);
        Assert.True(start.Pid > 0);
        Assert.InRange(start.At, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Fake_ssh_with_no_arguments_records_none()
    {
        using var fake = FakeSsh.Always("exit 0");

        await Run.SuccessfullyAsync(FakeSsh.ScriptPath, [], environment: fake.Environment);

        Assert.Empty(Assert.Single(fake.Starts()).Arguments);
    }

    [Fact]
    public async Task Fake_ssh_follows_its_plan_start_by_start_and_then_repeats_the_last_line()
    {
        using var fake = FakeSsh.WithPlan("exit 3", "stderr Permission denied (publickey).; exit 255", "sleep 0.1; kill 9");

        var results = new List<ProcessResult>();
        for (var i = 0; i < 4; i++) results.Add(await Run.ProgramAsync(FakeSsh.ScriptPath, ["host"], environment: fake.Environment));

        // .NET reports "killed by signal N" as 128 + N.
        Assert.Equal([3, 255, 137, 137], results.Select(r => r.ExitCode));
        Assert.Equal("Permission denied (publickey).\n", results[1].StandardError);
        Assert.Equal(4, fake.Starts().Count);
        Assert.Equal(4, fake.Starts().Select(s => s.Pid).Distinct().Count());
    }

    [Fact]
    public async Task Fake_ssh_told_to_exit_on_sigterm_does_so_with_its_status_and_leaves_nothing_behind()
    {
        using var fake = FakeSsh.Always("on TERM exit 0; sleep forever");
        await using var ssh = BackgroundProcess.Start(FakeSsh.ScriptPath, ["-N", "host"], fake.Environment);
        // Wait for the sleep itself: the fake briefly runs other children (date) before it.
        ProcessIdentity? napper = null;
        await Eventually.WaitUntilAsync(() =>
            (napper = ProcessTable.ChildrenOf(ssh.Pid).Cast<ProcessIdentity?>()
                .FirstOrDefault(p => ProcessTable.ExecutableOf(p!.Value.Pid)?.EndsWith("/sleep", StringComparison.Ordinal) == true)) is not null,
            "the fake to sleep");

        Assert.True(ssh.Signal(SignalNumbers.SIGTERM));

        Assert.Equal(0, await ssh.Exited.WaitAsync(Eventually.DefaultTimeout));
        await Eventually.WaitUntilAsync(() => !ProcessTable.IsAlive(napper!.Value), "the fake's sleep to be gone");
    }

    [Fact]
    public async Task Fake_ssh_sleeping_forever_keeps_its_pid_and_dies_by_the_signal_it_gets()
    {
        using var fake = FakeSsh.Always("sleep forever");
        await using var ssh = BackgroundProcess.Start(FakeSsh.ScriptPath, ["host"], fake.Environment);
        await Eventually.WaitUntilAsync(() => ProcessTable.ExecutableOf(ssh.Pid)?.EndsWith("/sleep", StringComparison.Ordinal) == true,
                                        "the fake to exec sleep");

        Assert.True(ssh.Signal(SignalNumbers.SIGHUP));

        Assert.Equal(128 + SignalNumbers.SIGHUP, await ssh.Exited.WaitAsync(Eventually.DefaultTimeout));
        Assert.Equal(ssh.Pid, Assert.Single(fake.Starts()).Pid);
    }

    [AutosshFact]
    public async Task Real_autossh_restarts_the_fake_ssh_as_the_plan_makes_it_fail()
    {
        using var fake = FakeSsh.WithPlan("exit 255", "kill 9", "on TERM exit 0; sleep forever");
        var log = Path.Combine(fake.Directory, "autossh.log");
        var environment = new Dictionary<string, string?>(fake.Environment)
        {
            ["AUTOSSH_GATETIME"] = "0",
            ["AUTOSSH_LOGFILE"] = log,
            ["AUTOSSH_PORT"] = null,
        };

        await using var autossh = BackgroundProcess.Start("autossh", ["-M", "0", "-N", "-o", "ServerAliveInterval=1", "example.invalid"], environment);
        await Eventually.WaitUntilAsync(() => fake.Starts().Count == 3, "autossh to start ssh three times");
        var third = fake.Starts()[2];
        await Eventually.WaitUntilAsync(() => File.ReadAllText(log).Contains($"ssh child pid is {third.Pid}"), "autossh to log the third child");
        var exitCode = await autossh.StopAsync(Eventually.DefaultTimeout);

        var text = await File.ReadAllTextAsync(log);
        Assert.Contains("ssh exited with error status 255; restarting ssh", text);
        Assert.Contains("ssh exited on signal 9, restarting ssh", text);
        Assert.All(fake.Starts(), s => Assert.Equal(["-N", "-o", "ServerAliveInterval=1", "example.invalid"], s.Arguments));
        Assert.Equal(1, exitCode); // R71: SIGTERM → kill ssh (R68), exit 1
        Assert.Null(ProcessTable.Identify(third.Pid));
    }
}
