using SshKeep.Health;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Compat;

/// <summary>Tier 2: compatibility mode's two recovery additions (deliberate
/// differences in docs/compatibility.md): a stuck connect is replaced, a back-off wait ends when
/// the server answers again. autossh's exit rules are untouched.</summary>
public class CompatSupervisorReachabilityTests
{
    [Fact]
    public async Task An_ssh_stuck_connecting_is_replaced_at_once_when_the_server_answers()
    {
        var reachability = new FakeReachability { ServerAnswers = false };
        var h = new CompatSupervisorHarness(s => s with { GateTimeSeconds = 0, MaxStart = 2 }, reachability: reachability);
        var stuck = await h.Launcher.NextStartAsync();
        reachability.SetConnection(stuck.Pid, FakeReachability.Connection(connecting: true));
        await Eventually.WaitUntilAsync(() =>
        {
            h.Clock.Advance(0.05);
            return reachability.ConnectionsSeen >= 6; // stuck for well over a second of the watch's polls
        }, "the watch sees ssh stuck connecting");
        Assert.False(stuck.StopRequested);

        reachability.ServerAnswers = true;

        await Eventually.WaitUntilAsync(() =>
        {
            h.Clock.Advance(0.05);
            return h.Launcher.Starts.Count == 2;
        }, "a fresh ssh starts");
        Assert.True(stuck.StopRequested);
        Assert.Contains(h.Log.Texts, t => t.Contains("still connecting to 10.0.0.1:22, which answers again", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Log.Texts, t => t.StartsWith("sleeping for grace time", StringComparison.Ordinal));
        h.Launcher.Starts[1].Process.Exit(0);
        Assert.Equal(0, await h.ExitCodeAsync());
    }

    [Fact]
    public async Task A_backoff_wait_ends_when_the_silent_server_answers_again()
    {
        var reachability = new FakeReachability { ServerAnswers = false };
        var h = new CompatSupervisorHarness(s => s with { GateTimeSeconds = 0, MaxStart = 8 }, reachability: reachability);
        var first = await h.Launcher.NextStartAsync();
        reachability.SetConnection(first.Pid, FakeReachability.Connection(connecting: false));
        await Eventually.WaitUntilAsync(() =>
        {
            h.Clock.Advance(0.05);
            return reachability.ConnectionsSeen >= 1;
        }, "the watch learns where ssh connects");
        first.Exit(1);
        for (var i = 1; i < 6; i++) (await h.Launcher.NextStartAsync()).Exit(1);
        await h.BackingOffAsync(1);
        await Eventually.WaitUntilAsync(() => reachability.Checks >= 1, "the wait checks the server");

        reachability.ServerAnswers = true;

        await h.Launcher.NextStartAsync();
        Assert.Contains(h.Log.Texts, t => t.Contains("10.0.0.1:22 answers again", StringComparison.Ordinal));
        h.Send(SshKeep.Native.SignalNumbers.SIGTERM);
    }

    [Fact]
    public async Task Without_a_known_server_the_backoff_is_autossh_s()
    {
        var reachability = new FakeReachability { ServerAnswers = false };
        var h = new CompatSupervisorHarness(s => s with { GateTimeSeconds = 0, MaxStart = 7 }, reachability: reachability);
        for (var i = 0; i < 6; i++) (await h.Launcher.NextStartAsync()).Exit(1);
        await h.BackingOffAsync(1);

        h.Clock.Advance(2);
        (await h.Launcher.NextStartAsync()).Exit(1);

        Assert.Equal(0, await h.ExitCodeAsync());
        Assert.Equal(0, reachability.Checks);
        Assert.Equal(0, reachability.Resolves);
    }
}
