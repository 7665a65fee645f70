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
        public bool Passes { get; set; } = true;
        public int Calls { get; private set; }
        public int ListenerConnects { get; private set; }

        public Task<ProbeResult> RunAsync(TunnelConfig tunnel, ForwardSpec forward, bool connectListener, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Calls++;
                if (connectListener) ListenerConnects++;
            }
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
        ssh.Say("Authenticated to bastion ([10.0.0.1]:22) using \"publickey\".");
        await h.AdvanceUntilAsync(() => probe.Calls >= 1, "the first probe runs");

        Assert.Equal(TunnelState.Starting, h.State);
        probe.Passes = true;
        await h.AdvanceUntilAsync(() => h.State == TunnelState.Up, "the tunnel comes up after a passing probe");
        Assert.Contains(h.Log.Texts, t => t.Contains("first probe passed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failing_probes_in_a_row_restart_ssh_and_say_why()
    {
        var probe = new ScriptedProbe();
        await using var h = WithProbe(probe);
        var ssh = await h.UpAsync();

        probe.Passes = false;
        await h.AdvanceUntilAsync(() => ssh.StopRequested, "the probe verdict stops ssh", step: 0.5);

        await h.AdvanceUntilAsync(() => h.State != TunnelState.Up, "the tunnel leaves up", step: 0.5);
        Assert.Equal(RestartReasons.ProbeFailed, h.Supervisor.Status.LastRestartReason);
        Assert.Contains("session: no answer within 3s", h.Supervisor.Status.LastError, StringComparison.Ordinal);
        Assert.Contains(h.Log.Texts, t => t.Contains("failed 2 times in a row", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_failed_probe_is_not_enough_to_restart()
    {
        var probe = new ScriptedProbe();
        await using var h = WithProbe(probe);
        var ssh = await h.UpAsync();
        var before = probe.Calls;

        probe.Passes = false;
        await h.AdvanceUntilAsync(() => probe.Calls > before, "a failing probe runs", step: 0.5);
        probe.Passes = true;
        await h.AdvanceUntilAsync(() => probe.Calls > before + 1, "the next probe runs and passes", step: 0.5);

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
        await h.UpAsync();
        var first = probe.Calls;
        await h.AdvanceUntilAsync(() => probe.Calls >= first + quietRoundsBefore, $"{quietRoundsBefore} more rounds", step: 0.5);
        var before = probe.Calls;

        h.Supervisor.NetworkChanged("address added");

        await Eventually.WaitUntilAsync(() => probe.Calls > before, "a probe runs without the clock moving");
    }

    [Fact]
    public async Task A_proved_tunnel_connects_to_its_listeners_on_every_12th_round_and_on_retries()
    {
        var probe = new ScriptedProbe();
        await using var h = WithProbe(probe);
        await h.UpAsync();
        var calls = probe.Calls;
        var connects = probe.ListenerConnects;
        Assert.Equal(calls, connects); // until the first pass, every round connects

        var from = h.Clock.GetUtcNow();
        await h.AdvanceUntilAsync(() => probe.Calls >= calls + 24, "24 more rounds", step: 0.5);
        Assert.Equal(2, probe.ListenerConnects - connects);
        // 5 s apart: the shared clock does not drift. The end is read when the poll sees the 24th
        // call, which on a loaded machine can be a few 0.5 s steps after the round fired (CI saw
        // 121.5); a drift of even 0.15 s a round would add 3.6 s over 24 rounds.
        Assert.InRange((h.Clock.GetUtcNow() - from).TotalSeconds, 23 * 5, 24 * 5 + 3);

        probe.Passes = false;
        var failingFrom = probe.Calls;
        await h.AdvanceUntilAsync(() => probe.Calls > failingFrom, "a failing round", step: 0.25);
        probe.Passes = true;
        var afterFailure = probe.ListenerConnects;
        await h.AdvanceUntilAsync(() => probe.Calls > failingFrom + 1, "its retry", step: 0.25);
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
