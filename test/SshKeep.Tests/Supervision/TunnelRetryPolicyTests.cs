using SshKeep.Config;
using SshKeep.Ssh;
using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

public class TunnelRetryPolicyTests
{
    private static readonly BackoffSettings Defaults = new();

    private static TunnelRunOutcome Outcome(SshFailureKind kind = SshFailureKind.Transient, int? port = null, bool up = false,
        double upFor = 0, double lived = 5) =>
        new(ChildExit.Exited(255), new SshStderrLine(kind, port), up, TimeSpan.FromSeconds(upFor), TimeSpan.FromSeconds(lived), "why");

    [Theory]
    [InlineData(0, 0.999, 5, 0.4995)]
    [InlineData(1, 0.999, 5, 0.999)]
    [InlineData(3, 0.5, 5, 2.0)]
    [InlineData(6, 0.999, 5, 29.97)]
    [InlineData(60, 0.999, 5, 29.97)]
    [InlineData(2, 0.0, 0, 1.0)]   // full jitter may draw 0; the 1 s gap between starts still holds
    [InlineData(0, 0.5, 0.2, 0.8)] // ssh died 0.2 s after its start: the next start waits to 1 s
    public void Transient_failures_back_off_exponentially_with_full_jitter_capped_at_thirty_seconds(int failures, double unit, double lived, double expected)
    {
        var next = TunnelRetryPolicy.After(Outcome(lived: lived), failures, Defaults, unit);

        Assert.Equal(TunnelState.Backoff, next.State);
        Assert.Equal(expected, next.Delay.TotalSeconds, 3);
        Assert.Equal(failures + 1, next.Failures);
    }

    [Fact]
    public void A_tunnel_that_was_up_for_the_stable_period_starts_its_backoff_afresh()
    {
        var next = TunnelRetryPolicy.After(Outcome(up: true, upFor: 30, lived: 31), failures: 7, Defaults, unit: 0.999);

        Assert.Equal(1, next.Failures);
        Assert.Equal(TimeSpan.Zero, next.Delay); // the first failure after a stable run restarts at once
    }

    [Fact]
    public void A_tunnel_that_was_up_only_briefly_keeps_its_count_but_restarts_at_once()
    {
        var next = TunnelRetryPolicy.After(Outcome(up: true, upFor: 3, lived: 4), failures: 4, Defaults, unit: 0.5);

        Assert.Equal(5, next.Failures);
        Assert.Equal(TimeSpan.Zero, next.Delay);
    }

    [Fact]
    public void After_a_run_that_never_came_up_the_grown_backoff_applies()
    {
        var next = TunnelRetryPolicy.After(Outcome(up: false, upFor: 0, lived: 4), failures: 4, Defaults, unit: 0.5);

        Assert.Equal(4.0, next.Delay.TotalSeconds, 3);
    }

    [Fact]
    public void A_healthy_tunnel_may_restart_at_once_after_a_crash()
    {
        var next = TunnelRetryPolicy.After(Outcome(up: true, upFor: 40, lived: 40), failures: 0, Defaults, unit: 0.0);

        Assert.Equal(TimeSpan.Zero, next.Delay);
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.5)]
    public void The_first_failure_of_a_tunnel_that_was_up_restarts_at_once_whatever_the_jitter(double unit)
    {
        var next = TunnelRetryPolicy.After(Outcome(up: true, upFor: 5, lived: 6), failures: 0, Defaults, unit);

        Assert.Equal(TimeSpan.Zero, next.Delay);
        Assert.Equal(1, next.Failures);
    }

    /// <summary>A run that came up proved the tunnel works: not a crash loop, whatever came before
    /// and whatever the jitter draws (a random wait here made the daemon slower than autossh back
    /// after a killed ssh; docs/benchmarks.md).</summary>
    [Theory]
    [InlineData(1, 0.999, 6, 0.0)]
    [InlineData(4, 0.5, 6, 0.0)]
    [InlineData(60, 0.999, 29, 0.0)]
    [InlineData(3, 0.999, 0.6, 0.0)] // came up: its login, settle time and probe round pace it, not the 1 s gap
    public void A_run_that_came_up_restarts_at_once_however_many_failures_came_before(int failures, double unit, double lived, double expected)
    {
        var next = TunnelRetryPolicy.After(Outcome(up: true, upFor: lived / 2, lived: lived), failures, Defaults, unit);

        Assert.Equal(TunnelState.Backoff, next.State);
        Assert.Equal(expected, next.Delay.TotalSeconds, 3);
        Assert.Equal(failures + 1, next.Failures);
    }

    [Theory]
    [InlineData(SshFailureKind.AuthenticationRefused)]
    [InlineData(SshFailureKind.HostKeyRejected)]
    [InlineData(SshFailureKind.BadConfiguration)]
    public void A_permanent_failure_needs_attention_and_retries_slowly(object kindRow)
    {
        var kind = (SshFailureKind)kindRow;
        var next = TunnelRetryPolicy.After(Outcome(kind), failures: 0, Defaults, unit: 0.3);

        Assert.Equal(TunnelState.NeedsAttention, next.State);
        Assert.Equal(TimeSpan.FromMinutes(5), next.Delay);
    }

    [Theory]
    [InlineData(SshFailureKind.AuthenticationRefused)]
    [InlineData(SshFailureKind.HostKeyRejected)]
    public void A_permanent_failure_while_another_server_is_left_backs_off_to_it(object kindRow)
    {
        var next = TunnelRetryPolicy.After(Outcome((SshFailureKind)kindRow), failures: 1, Defaults, unit: 0.5, anotherServer: true);

        Assert.Equal((TunnelState.Backoff, 0.5, 2), (next.State, next.Delay.TotalSeconds, next.Failures));
    }

    [Theory]
    [InlineData(0.0, 1.5)]
    [InlineData(0.5, 2.0)]
    [InlineData(0.999, 2.499)]
    public void A_held_remote_port_is_retried_every_two_seconds_with_jitter(double unit, double expected)
    {
        var next = TunnelRetryPolicy.After(Outcome(SshFailureKind.RemotePortInUse, port: 8080), failures: 9, Defaults, unit);

        Assert.Equal(TunnelState.WaitingForRemotePort, next.State);
        Assert.Equal(8080, next.HeldRemotePort);
        Assert.Equal(expected, next.Delay.TotalSeconds, 3);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.999, 0.5)]
    public void A_held_remote_port_is_retried_at_once_after_the_dead_session_holding_it_was_reset(double unit, double expected)
    {
        var next = TunnelRetryPolicy.After(Outcome(SshFailureKind.RemotePortInUse, port: 8080), failures: 9, Defaults, unit, deadSessionReset: true);

        Assert.Equal(TunnelState.WaitingForRemotePort, next.State);
        Assert.Equal(8080, next.HeldRemotePort);
        Assert.Equal(expected, next.Delay.TotalSeconds, 3);
    }

    [Fact]
    public void A_remote_port_retry_shorter_than_the_grace_after_a_reset_is_kept()
    {
        var next = TunnelRetryPolicy.After(Outcome(SshFailureKind.RemotePortInUse, port: 8080), failures: 0,
            Defaults with { RemotePortRetry = 0.2 }, 0.5, deadSessionReset: true);

        Assert.True(next.Delay <= TimeSpan.FromSeconds(0.2), $"{next.Delay}");
    }
}
