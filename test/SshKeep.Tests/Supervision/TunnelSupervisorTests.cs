using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

/// <summary>Tier 2: one daemon tunnel with a manual clock and a fake ssh: the shell around
/// <see cref="TunnelMachine"/> carries out what the machine asks, in order.</summary>
public class TunnelSupervisorTests
{
    [Fact]
    public async Task A_tunnel_is_up_once_ssh_authenticated_and_its_listener_accepts()
    {
        await using var h = new TunnelSupervisorHarness();
        var ssh = await h.UpAsync();

        Assert.Equal(ssh.Pid, h.Supervisor.Status.Pid);
        Assert.NotNull(h.Supervisor.Status.UpSince);
        Assert.Contains(h.History, status => status.State == TunnelState.Up);
        Assert.Equal(TunnelState.Starting, h.History.First().State);
    }

    [Fact]
    public async Task A_tunnel_whose_listener_never_accepts_is_not_up()
    {
        await using var h = new TunnelSupervisorHarness { ListenersAccept = false };
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say(TunnelSupervisorHarness.Authenticated);

        // Long past the settle time, every poll of the listener refused: still starting.
        for (var poll = 0; poll < 20; poll++)
        {
            await h.ListenerCheckedAsync();
            await h.AdvanceAsync(0.1);
        }
        await h.IdleAsync();
        Assert.Equal(TunnelState.Starting, h.State);
        Assert.DoesNotContain(h.History, s => s.State == TunnelState.Up);

        // The same tunnel comes up as soon as its listener accepts: the test above could fail.
        h.ListenersAccept = true;
        await h.ListenerCheckedAsync();
        await h.AdvanceAsync(0.1);
        await h.AdvanceAsync(0.5);
        await h.InStateAsync(TunnelState.Up);
    }

    [Fact]
    public async Task A_transient_failure_backs_off_then_starts_ssh_again()
    {
        await using var h = new TunnelSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say("ssh: connect to host bastion port 22: Connection refused");
        ssh.Exit(255);
        await h.InStateAsync(TunnelState.Backoff);

        Assert.Equal("status 255", h.Supervisor.Status.LastExit);
        Assert.Equal("ssh: connect to host bastion port 22: Connection refused", h.Supervisor.Status.LastError);
        Assert.NotNull(h.Supervisor.Status.NextRetry);
        await h.AfterTheWaitAsync();
        await h.InStateAsync(TunnelState.Starting);
        // It never worked: a retry is one more attempt, not a restart.
        Assert.Equal(0, h.Supervisor.Status.Restarts);
        Assert.Equal(2, h.Supervisor.Status.Attempts);
    }

    [Fact]
    public async Task One_outage_of_a_working_tunnel_is_one_restart_however_often_the_held_port_is_retried()
    {
        await using var h = new TunnelSupervisorHarness();
        var up = await h.UpAsync();
        Assert.Equal((0, 1), (h.Supervisor.Status.Restarts, h.Supervisor.Status.Attempts));

        up.Say("Timeout, server bastion not responding.");
        up.Exit(255);
        var retry = await h.Launcher.NextStartAsync(); // the first failure after being up restarts at once
        for (var attempt = 2; attempt <= 6; attempt++)
        {
            if (attempt > 2) retry = await h.AfterTheWaitAsync();
            retry.Say(TunnelSupervisorHarness.Authenticated);
            retry.Say("Error: remote port forwarding failed for listen port 8080");
            retry.Exit(255);
            await h.InStateAsync(TunnelState.WaitingForRemotePort);
        }

        Assert.Equal(1, h.Supervisor.Status.Restarts);
        Assert.Equal(6, h.Supervisor.Status.Attempts);
        await h.UpAsync(await h.AfterTheWaitAsync());
        Assert.Equal(1, h.Supervisor.Status.Restarts);
        Assert.Equal(7, h.Supervisor.Status.Attempts);
    }

    [Fact]
    public async Task A_restart_asked_while_ssh_runs_is_a_restart_and_stopping_is_none()
    {
        await using var h = new TunnelSupervisorHarness();
        await h.Launcher.NextStartAsync();

        h.Supervisor.Ask(TunnelCommand.Restart, "restart");
        await h.Launcher.NextStartAsync();

        Assert.Equal(1, h.Supervisor.Status.Restarts);
        Assert.Equal(RestartReasons.Requested, h.Supervisor.Status.LastRestartReason);
        await h.DisposeAsync();
        Assert.Equal(1, h.Supervisor.Status.Restarts);
    }

    [Fact]
    public async Task The_last_error_keeps_when_it_was_seen_and_is_past_once_the_tunnel_is_up_again()
    {
        await using var h = new TunnelSupervisorHarness();
        h.Clock.Advance(100);
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say("ssh: connect to host bastion port 22: Connection refused");
        var seen = (await h.UntilAsync(s => s.LastError is not null, "the error is seen")).LastErrorAt;
        ssh.Exit(255);
        await h.InStateAsync(TunnelState.Backoff);
        Assert.Equal(seen, h.Supervisor.Status.LastErrorAt);
        Assert.False(h.Supervisor.Status.ErrorIsPast);

        await h.UpAsync(await h.AfterTheWaitAsync());

        Assert.Equal("ssh: connect to host bastion port 22: Connection refused", h.Supervisor.Status.LastError);
        Assert.Equal(seen, h.Supervisor.Status.LastErrorAt);
        Assert.True(h.Supervisor.Status.ErrorIsPast);
    }

    [Fact]
    public async Task A_refused_key_needs_attention_and_is_not_retried_quickly()
    {
        await using var h = new TunnelSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say("deploy@bastion: Permission denied (publickey).");
        ssh.Exit(255);
        await h.InStateAsync(TunnelState.NeedsAttention);

        await h.AdvanceAsync(299); // fires nothing: the retry is due at +300 s
        await h.IdleAsync();
        Assert.Single(h.Launcher.Starts);
        h.Clock.Advance(1);
        await h.Launcher.NextStartAsync();
        Assert.Contains(h.Log.Texts, t => t.Contains("needs attention", StringComparison.Ordinal) && t.Contains("authorized_keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_names_ssh_once_and_never_doubles_a_full_stop()
    {
        await using var h = new TunnelSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say("ssh: connect to host bastion port 22: Connection refused");
        ssh.Say("deploy@bastion: Permission denied (publickey).");
        ssh.Exit(255);
        await h.InStateAsync(TunnelState.NeedsAttention);

        Assert.Contains("ssh: connect to host bastion port 22: Connection refused", h.Log.Texts);
        Assert.Contains("ssh: deploy@bastion: Permission denied (publickey).", h.Log.Texts);
        Assert.Contains(h.Log.Texts, t => t.StartsWith("needs attention: deploy@bastion: Permission denied (publickey); to fix: check identity_file", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Log.Texts, t => t.Contains("ssh: ssh:", StringComparison.Ordinal) || t.Contains(".;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_held_remote_port_waits_for_the_port_and_says_which()
    {
        await using var h = new TunnelSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say(TunnelSupervisorHarness.Authenticated);
        ssh.Say("Error: remote port forwarding failed for listen port 8080");
        ssh.Exit(255);
        await h.InStateAsync(TunnelState.WaitingForRemotePort);

        Assert.Equal(8080, h.Supervisor.Status.HeldRemotePort);
        await h.AdvanceAsync(2);
        await h.Launcher.NextStartAsync();
    }

    [Theory]
    [InlineData("Error: remote port forwarding failed for listen port 8080", TunnelState.WaitingForRemotePort)]
    [InlineData("git@bastion: Permission denied (publickey).", TunnelState.NeedsAttention)]
    public async Task The_reason_ssh_prints_just_after_its_exit_was_seen_still_decides_what_comes_next(string lastWords, object expectedRow)
    {
        var expected = (TunnelState)expectedRow;
        await using var h = new TunnelSupervisorHarness();
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say(TunnelSupervisorHarness.Authenticated);
        await h.ListenerCheckedAsync();
        await h.IdleAsync();
        h.Clock.ForgetArms();
        ssh.ExitBeforeStderrEnds(255);
        // The supervisor has acted on the exit (it armed its timer for stderr's EOF, on a clock
        // that does not move) before the line arrives: the order bench/soak met.
        await h.Clock.ArmedAsync(d => d == TunnelMachine.StderrAfterExit).Within("the exit is seen");
        ssh.Say(lastWords);
        ssh.CloseStderr();

        await h.InStateAsync(expected);
    }

    [Fact]
    public async Task Retry_now_ends_a_backoff_wait_at_once()
    {
        await using var h = new TunnelSupervisorHarness();
        (await h.Launcher.NextStartAsync()).Exit(255);
        await h.InStateAsync(TunnelState.Backoff);

        h.Supervisor.Ask(TunnelCommand.RetryNow, "retry-now");

        await h.Launcher.NextStartAsync();
        Assert.Equal(h.Launcher.Starts[0].At, h.Launcher.Starts[1].At);
    }

    [Fact]
    public async Task Restart_replaces_a_running_ssh_at_once()
    {
        await using var h = new TunnelSupervisorHarness();
        var first = await h.UpAsync();

        h.Supervisor.Ask(TunnelCommand.Restart, "restart");

        var second = await h.Launcher.NextStartAsync();
        Assert.True(first.StopRequested);
        Assert.NotEqual(first.Pid, second.Pid);
    }

    [Fact]
    public async Task A_stopped_ssh_is_replaced()
    {
        await using var h = new TunnelSupervisorHarness();
        var frozen = await h.UpAsync();

        frozen.Freeze();

        await h.Launcher.NextStartAsync(); // the first failure after being up restarts at once
        Assert.True(frozen.StopRequested);
        Assert.Equal("ssh was stopped (SIGSTOP)", h.Supervisor.Status.LastError);
        Assert.Equal(RestartReasons.Stopped, h.Supervisor.Status.LastRestartReason);
    }

    [Fact]
    public async Task Stopping_the_daemon_stops_ssh_and_shows_the_tunnel_stopped()
    {
        var h = new TunnelSupervisorHarness();
        var ssh = await h.UpAsync();

        await h.DisposeAsync();

        Assert.True(ssh.StopRequested);
        Assert.Equal(TunnelState.Stopped, h.State);
    }

    [Fact]
    public async Task Asking_for_no_host_key_checking_is_warned_about()
    {
        await using var h = new TunnelSupervisorHarness(c => c with { SshOptions = [new("StrictHostKeyChecking", "no")] });
        await h.Launcher.NextStartAsync();

        Assert.Contains(h.Log.Texts, t => t.Contains("StrictHostKeyChecking=no", StringComparison.Ordinal));
    }
}
