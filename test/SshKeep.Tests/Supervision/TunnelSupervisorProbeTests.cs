using System.Threading.Channels;
using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Supervision;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Supervision;

/// <summary>Tier 2: the end-to-end probes of a daemon tunnel, fake clock and ssh.</summary>
public class TunnelSupervisorProbeTests
{
    private sealed class ScriptedProbe
    {
        private readonly Lock _gate = new();
        private readonly Channel<ForwardSpec> _calls = Channel.CreateUnbounded<ForwardSpec>();
        public bool Passes { get; set; } = true;
        public int Calls { get; private set; }
        public int ListenerConnects { get; private set; }

        /// <summary>Waits for the next probe, in order.</summary>
        public Task CalledAsync() => _calls.Reader.ReadAsync().AsTask().Within("a probe");

        public void ForgetCalls()
        {
            while (_calls.Reader.TryRead(out _)) { }
        }

        public Task<ProbeResult> RunAsync(TunnelConfig tunnel, ForwardSpec forward, bool connectListener, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Calls++;
                if (connectListener) ListenerConnects++;
            }
            _calls.Writer.TryWrite(forward);
            return Task.FromResult(Passes
                ? new ProbeResult(forward, true, TimeSpan.FromMilliseconds(3), null)
                : new ProbeResult(forward, false, TimeSpan.FromMilliseconds(3), "session: no answer within 3s"));
        }
    }

    private static TunnelSupervisorHarness WithProbe(ScriptedProbe probe) =>
        new(wire: o => o with { ProbeForward = probe.RunAsync });

    [Fact]
    public async Task With_probes_the_tunnel_is_up_only_after_a_probe_passed()
    {
        var probe = new ScriptedProbe { Passes = false };
        await using var h = WithProbe(probe);
        var ssh = await h.Launcher.NextStartAsync();
        ssh.Say(TunnelSupervisorHarness.Authenticated);
        await h.ListenerCheckedAsync();
        await h.IdleAsync();
        h.Clock.ForgetArms();
        h.Clock.Advance(0.5);
        await h.Clock.ArmedAsync().Within("the retry of the failed first probe");

        Assert.Equal(1, probe.Calls);
        Assert.Equal(TunnelState.Starting, h.State);
        probe.Passes = true;
        await h.RoundAsync();
        await h.InStateAsync(TunnelState.Up);
        Assert.Contains(h.Log.Texts, t => t.Contains("first probe passed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failing_probes_in_a_row_restart_ssh_and_say_why()
    {
        var probe = new ScriptedProbe();
        await using var h = WithProbe(probe);
        var ssh = await h.UpProbedAsync();

        probe.Passes = false;
        await h.RoundAsync();
        h.Clock.AdvanceToNextTimer(); // the second failure in a row condemns this ssh

        await h.UntilAsync(s => s.State != TunnelState.Up, "the tunnel leaves up");
        Assert.True(ssh.StopRequested);
        Assert.Equal(RestartReasons.ProbeFailed, h.Supervisor.Status.LastRestartReason);
        Assert.Contains("session: no answer within 3s", h.Supervisor.Status.LastError, StringComparison.Ordinal);
        Assert.Contains(h.Log.Texts, t => t.Contains("failed 2 times in a row", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_failed_probe_is_not_enough_to_restart()
    {
        var probe = new ScriptedProbe();
        await using var h = WithProbe(probe);
        var ssh = await h.UpProbedAsync();
        var before = probe.Calls;

        probe.Passes = false;
        await h.RoundAsync();
        probe.Passes = true;
        await h.RoundAsync();

        Assert.Equal(before + 2, probe.Calls);
        await h.IdleAsync();
        Assert.False(ssh.StopRequested);
        Assert.Equal(TunnelState.Up, h.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)] // each round's wait must end with the round: a waiter left behind per round would
                    // grow for as long as the tunnel is up and swallow the change meant for the current one
    public async Task A_network_change_probes_an_up_tunnel_at_once(int quietRoundsBefore)
    {
        var probe = new ScriptedProbe();
        await using var h = WithProbe(probe);
        await h.UpProbedAsync();
        for (var round = 0; round < quietRoundsBefore; round++) await h.RoundAsync();
        var before = probe.Calls;
        probe.ForgetCalls();

        h.Supervisor.Ask(TunnelCommand.NetworkChanged, "address added");

        await probe.CalledAsync(); // the clock does not move
        Assert.Equal(before + 1, probe.Calls);
    }

    [Fact]
    public async Task A_proved_tunnel_connects_to_its_listeners_on_every_12th_round_and_on_retries()
    {
        var probe = new ScriptedProbe();
        await using var h = WithProbe(probe);
        await h.UpProbedAsync();
        var calls = probe.Calls;
        var connects = probe.ListenerConnects;
        Assert.Equal(calls, connects); // until the first pass, every round connects

        var from = h.Clock.GetUtcNow();
        for (var round = 0; round < 24; round++) await h.RoundAsync();
        Assert.Equal(calls + 24, probe.Calls);
        Assert.Equal(2, probe.ListenerConnects - connects);
        // 5 s apart: the shared clock does not drift (the first wait ends on the next whole second).
        Assert.InRange((h.Clock.GetUtcNow() - from).TotalSeconds, 23 * 5, 24 * 5 + 1);

        probe.Passes = false;
        await h.RoundAsync();
        probe.Passes = true;
        var afterFailure = probe.ListenerConnects;
        await h.RoundAsync();
        Assert.Equal(afterFailure + 1, probe.ListenerConnects); // the retry proves everything
    }

    [Fact]
    public async Task With_probe_interval_zero_no_probe_runs()
    {
        var probe = new ScriptedProbe();
        await using var h = new TunnelSupervisorHarness(c => c with { Health = c.Health with { ProbeInterval = 0 } },
            o => o with { ProbeForward = probe.RunAsync });

        await h.UpAsync();

        Assert.Equal(0, probe.Calls);
    }
}
