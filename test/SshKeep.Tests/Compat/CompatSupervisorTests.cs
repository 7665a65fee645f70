using SshKeep.Compat;
using SshKeep.Ssh;
using SshKeep.Tests.Integration.Infrastructure;
using static SshKeep.Native.SignalNumbers;


namespace SshKeep.Tests.Compat;

/// <summary>Tier 2: the autossh loop with a manual clock and a fake ssh (spec §5, §6).</summary>
public class CompatSupervisorTests
{
    [Fact]
    public async Task First_run_failing_within_gate_time_gives_up()
    {
        var h = new CompatSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        h.Clock.Advance(3);
        ssh.Exit(255);

        Assert.Equal(1, await h.ExitCodeAsync());
        Assert.Contains("ssh exited prematurely with status 255; autossh exiting", h.Log.Texts);
    }

    [Fact]
    public async Task A_clean_exit_inside_the_gate_is_premature_too()
    {
        var h = new CompatSupervisorHarness();
        (await h.Launcher.NextStartAsync()).Exit(0);

        Assert.Equal(1, await h.ExitCodeAsync());
    }

    [Fact]
    public async Task A_clean_exit_after_the_gate_ends_with_zero()
    {
        var h = new CompatSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        await h.SleepingAsync();
        h.Clock.Advance(31);
        ssh.Exit(0);

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.Contains("ssh exited with status 0; autossh exiting", h.Log.Texts);
    }

    [Fact]
    public async Task An_ssh_killed_by_a_signal_is_restarted_until_max_start()
    {
        var h = new CompatSupervisorHarness(s => s with { MaxStart = 3 });
        for (var i = 0; i < 3; i++) (await h.Launcher.NextStartAsync()).Die(SIGKILL);

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.Equal(3, h.Launcher.Starts.Count);
        Assert.Equal(
            ["starting ssh (count 1 of 3)", "ssh child pid is 1001", "ssh exited on signal 9, restarting ssh"],
            h.Log.InfoTexts.Take(3));
        Assert.Equal("max start count reached; exiting", h.Log.InfoTexts[^1]);
    }

    [Fact]
    public async Task Max_start_zero_starts_nothing_and_exits_zero()
    {
        var h = new CompatSupervisorHarness(s => s with { MaxStart = 0 });

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.Empty(h.Launcher.Starts);
    }

    [Fact]
    public async Task A_failing_ssh_is_started_six_times_at_once_then_after_two_and_eight_seconds()
    {
        var h = new CompatSupervisorHarness(s => s with { GateTimeSeconds = 0, MaxStart = 8 });
        for (var i = 0; i < 6; i++) (await h.Launcher.NextStartAsync()).Exit(1);
        await h.BackingOffAsync(1);
        h.Clock.Advance(2);
        (await h.Launcher.NextStartAsync()).Exit(1);
        await h.BackingOffAsync(2);
        h.Clock.Advance(8);
        (await h.Launcher.NextStartAsync()).Exit(1);

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.Equal([0, 0, 0, 0, 0, 0, 2, 10], h.Launcher.Starts.Select(s => h.SecondsSinceStart(s.At)));
    }

    [Fact]
    public async Task An_exec_failure_ends_with_one()
    {
        var h = new CompatSupervisorHarness(s => s with { SshPath = "/nonexistent/ssh" },
            launcher => launcher.FailNextStart = new SshStartException("/nonexistent/ssh", "No such file or directory"));

        Assert.Equal(1, await h.ExitCodeAsync());
        Assert.Contains("/nonexistent/ssh: No such file or directory", h.Log.Texts);
    }

    [Fact]
    public async Task Sigusr1_kills_and_restarts_ssh()
    {
        var h = new CompatSupervisorHarness();
        var first = await h.Launcher.NextStartAsync();
        h.Send(SIGUSR1);
        var second = await h.Launcher.NextStartAsync();

        Assert.True(first.StopRequested);
        Assert.False(second.StopRequested);
        Assert.Contains("signalled to kill and restart ssh", h.Log.Texts);
        await h.StillRunningAsync();
    }

    [Theory]
    [InlineData(SIGTERM)]
    [InlineData(SIGINT)]
    public async Task Sigterm_or_sigint_stops_ssh_and_exits_one(int signal)
    {
        var h = new CompatSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        h.Send(signal);

        Assert.Equal(1, await h.ExitCodeAsync());
        Assert.True(ssh.StopRequested);
        Assert.Contains($"received signal to exit ({signal})", h.Log.Texts);
    }

    [Fact]
    public async Task Sigquit_stops_ssh_first_instead_of_orphaning_it()
    {
        var h = new CompatSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        h.Send(SIGQUIT);

        Assert.Equal(128 + SIGQUIT, await h.ExitCodeAsync());
        Assert.True(ssh.StopRequested);
    }

    [Theory]
    [InlineData(SIGHUP)]
    [InlineData(SIGUSR2)]
    public async Task Sighup_or_sigusr2_while_ssh_runs_changes_nothing(int signal)
    {
        var h = new CompatSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        h.Send(signal);
        await h.StillRunningAsync();

        Assert.False(ssh.StopRequested);
        Assert.Single(h.Launcher.Starts);
    }

    [Theory]
    [InlineData(SIGHUP)]
    [InlineData(SIGUSR1)]
    [InlineData(SIGUSR2)]
    [InlineData(SIGALRM)]
    public async Task A_signal_during_a_backoff_wait_starts_ssh_at_once_instead_of_killing_us(int signal)
    {
        var h = new CompatSupervisorHarness(s => s with { GateTimeSeconds = 0, MaxStart = 7 });
        for (var i = 0; i < 6; i++) (await h.Launcher.NextStartAsync()).Exit(1);
        await h.BackingOffAsync();
        h.Send(signal);
        await h.Launcher.NextStartAsync();

        Assert.Equal(0, h.SecondsSinceStart(h.Launcher.Starts[^1].At));
        Assert.Contains($"received signal {signal} while waiting; starting ssh now", h.Log.Texts);
    }

    [Fact]
    public async Task Sigterm_during_a_backoff_wait_exits_one_without_starting_ssh()
    {
        var h = new CompatSupervisorHarness(s => s with { GateTimeSeconds = 0 });
        for (var i = 0; i < 6; i++) (await h.Launcher.NextStartAsync()).Exit(1);
        await h.BackingOffAsync();
        h.Send(SIGTERM);

        Assert.Equal(1, await h.ExitCodeAsync());
        Assert.Equal(6, h.Launcher.Starts.Count);
        Assert.Equal("signalled to exit", h.Log.Texts[^1]);
    }

    [Fact]
    public async Task A_stopped_ssh_counts_as_hung_and_is_replaced()
    {
        var h = new CompatSupervisorHarness();
        var frozen = await h.Launcher.NextStartAsync();
        frozen.Freeze();
        var next = await h.Launcher.NextStartAsync();

        Assert.True(frozen.StopRequested);
        Assert.NotEqual(frozen.Pid, next.Pid);
    }

    [Fact]
    public async Task A_failed_connection_test_restarts_ssh_after_the_first_poll()
    {
        var h = new CompatSupervisorHarness(s => s with { Monitor = new MonitorSpec.Loop(20000), FirstPollSeconds = 2, PollSeconds = 10 });
        h.Monitor.Enqueue(false);
        var first = await h.Launcher.NextStartAsync();
        await h.SleepingAsync();
        h.Clock.Advance(2);
        await h.Launcher.NextStartAsync();

        Assert.True(first.StopRequested);
        Assert.Equal(1, h.Monitor.Tests);
        Assert.Contains("port down, restarting ssh", h.Log.Texts);
    }

    [Fact]
    public async Task Passing_tests_run_every_poll_after_the_first_poll()
    {
        var h = new CompatSupervisorHarness(s => s with { Monitor = new MonitorSpec.Echo(20000, 7), FirstPollSeconds = 2, PollSeconds = 12 });
        await h.Launcher.NextStartAsync();
        await h.SleepingAsync();
        h.Clock.Advance(2);
        await Eventually.WaitUntilAsync(() => h.Monitor.Tests == 1, "the first test ran");
        await h.SleepingAsync();
        h.Clock.Advance(11);
        await h.StillRunningAsync();
        Assert.Equal(1, h.Monitor.Tests);
        h.Clock.Advance(1);
        await Eventually.WaitUntilAsync(() => h.Monitor.Tests == 2, "the second test ran at +14 s");
    }

    [Fact]
    public async Task A_signal_during_a_test_fails_the_test()
    {
        var h = new CompatSupervisorHarness(s => s with { Monitor = new MonitorSpec.Loop(20000), FirstPollSeconds = 2, PollSeconds = 10 });
        h.Monitor.Enqueue((bool?)null);
        var first = await h.Launcher.NextStartAsync();
        await h.SleepingAsync();
        h.Clock.Advance(2);
        await Eventually.WaitUntilAsync(() => h.Monitor.Tests == 1, "the test is running");
        h.Send(SIGHUP);
        await h.Launcher.NextStartAsync();

        Assert.True(first.StopRequested);
        Assert.Contains("port down, restarting ssh", h.Log.Texts);
    }

    [Fact]
    public async Task An_ssh_exit_during_a_test_is_read_by_the_exit_rules()
    {
        var h = new CompatSupervisorHarness(s => s with { Monitor = new MonitorSpec.Loop(20000), FirstPollSeconds = 40, PollSeconds = 40 });
        h.Monitor.Enqueue((bool?)null);
        var ssh = await h.Launcher.NextStartAsync();
        await h.SleepingAsync();
        h.Clock.Advance(40);
        await Eventually.WaitUntilAsync(() => h.Monitor.Tests == 1, "the test is running");
        ssh.Exit(0);

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.DoesNotContain("port down, restarting ssh", h.Log.Texts);
    }

    [Fact]
    public async Task An_external_sigalrm_runs_a_test_without_moving_the_schedule()
    {
        var h = new CompatSupervisorHarness(s => s with { Monitor = new MonitorSpec.Loop(20000), FirstPollSeconds = 2, PollSeconds = 12 });
        await h.Launcher.NextStartAsync();
        await h.SleepingAsync();
        h.Clock.Advance(2);
        await Eventually.WaitUntilAsync(() => h.Monitor.Tests == 1, "the first test ran at +2 s");
        await h.SleepingAsync();
        h.Clock.Advance(3);
        h.Send(SIGALRM);
        await Eventually.WaitUntilAsync(() => h.Monitor.Tests == 2, "the extra test ran at +5 s");
        await h.SleepingAsync();
        h.Clock.Advance(9);
        await Eventually.WaitUntilAsync(() => h.Monitor.Tests == 3, "the scheduled test still ran at +14 s");
    }

    [Fact]
    public async Task The_lifetime_ends_a_running_ssh_and_exits_zero()
    {
        var h = new CompatSupervisorHarness(s => s with { MaxLifetimeSeconds = 7, PollSeconds = 7, FirstPollSeconds = 7 });
        var ssh = await h.Launcher.NextStartAsync();
        await h.SleepingAsync();
        h.Clock.Advance(7);

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.True(ssh.StopRequested);
        Assert.Contains("exceeded maximum time to live, shutting down", h.Log.Texts);
    }

    [Fact]
    public async Task The_lifetime_is_enforced_even_when_it_ends_during_a_backoff_wait()
    {
        // Lifetime 10 s, poll clamped to 10: after the fast tries the sleeps are 1, 1, 2, 2, 3 s…
        // so a sleep that starts at +9 s would end at +12 s. autossh then started an ssh that
        // nothing limited (R67 quirk); we end the wait at +10 s and exit 0.
        var h = new CompatSupervisorHarness(
            s => s with { GateTimeSeconds = 0, MaxLifetimeSeconds = 10, PollSeconds = 10, FirstPollSeconds = 10 },
            launcher => launcher.ExitAtOnceWith = 1);
        var sleepsSeen = 0;
        while (h.SecondsSinceStart(h.Clock.GetUtcNow()) < 30)
        {
            await Eventually.WaitUntilAsync(() => h.Run.IsCompleted || SleepLines().Count > sleepsSeen, "a back-off sleep or the end");
            if (h.Run.IsCompleted) break;
            await h.SleepingAsync();
            var lines = SleepLines();
            sleepsSeen = lines.Count;
            h.Clock.Advance(int.Parse(lines[^1].Split(' ')[4], System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.All(h.Launcher.Starts, s => Assert.True(h.SecondsSinceStart(s.At) < 10));
        Assert.Equal("exceeded maximum time to live, shutting down", h.Log.InfoTexts[^1]);

        List<string> SleepLines() => [.. h.Log.Texts.Where(t => t.StartsWith("sleeping for grace time", StringComparison.Ordinal))];
    }
}
