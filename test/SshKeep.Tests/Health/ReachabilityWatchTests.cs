using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Health;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>
/// The watch's rules on a manual clock with a check the test answers by hand (interval 0.5 s,
/// timeout 1 s unless a test needs attempts to stay open longer), then once for real against a
/// loopback port that starts listening while the watch runs.
/// </summary>
public sealed class ReachabilityWatchTests
{
    private static readonly IPEndPoint Server = IPEndPoint.Parse("192.0.2.5:22");

    [Fact]
    public async Task The_first_attempt_starts_at_once_with_the_timeout_as_its_limit()
    {
        var (_, check, watch) = Watch();
        using var cts = new CancellationTokenSource();

        var wait = watch.WaitUntilAnswersAsync(cts.Token);
        await Eventually.WaitUntilAsync(() => check.Calls == 1, "the first attempt");

        Assert.Equal(Server, check[0].Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(1), check[0].Timeout);
        Assert.False(wait.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Within());
    }

    [Fact]
    public async Task A_new_attempt_starts_every_interval_while_the_earlier_one_is_still_open()
    {
        var (clock, check, watch) = Watch();
        using var cts = new CancellationTokenSource();

        var wait = watch.WaitUntilAnswersAsync(cts.Token);
        await Asleep(clock, armed: 2); // attempt 1's timeout and the next tick
        clock.Advance(0.5);
        await Eventually.WaitUntilAsync(() => check.Calls == 2, "the second attempt after one interval");

        Assert.False(check[0].Cancelled);
        Assert.Equal(2, check.Open);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Within());
    }

    [Fact]
    public async Task The_first_answer_ends_the_wait_and_abandons_the_attempts_still_open()
    {
        var (clock, check, watch) = Watch();

        var wait = watch.WaitUntilAnswersAsync(CancellationToken.None);
        await Asleep(clock, armed: 2);
        clock.Advance(0.5);
        await Eventually.WaitUntilAsync(() => check.Calls == 2, "the second attempt");
        check[1].Answer();
        var outcome = await wait.Within("the wait to end at the answer");

        Assert.True(outcome.Answered);
        Assert.Equal(Server, outcome.Endpoint);
        Assert.True(check[0].Cancelled);
        Assert.Equal(2, check.Calls);
    }

    [Fact]
    public async Task An_attempt_open_for_the_whole_timeout_is_cancelled_and_the_wait_goes_on()
    {
        var (clock, check, watch) = Watch();
        using var cts = new CancellationTokenSource();

        var wait = watch.WaitUntilAnswersAsync(cts.Token);
        await Asleep(clock, armed: 2);
        clock.Advance(0.5);
        await Asleep(clock, armed: 3); // two attempts' timeouts and the next tick
        clock.Advance(0.5);
        await Eventually.WaitUntilAsync(() => check[0].Cancelled, "the first attempt to time out");

        Assert.False(check[1].Cancelled);
        Assert.False(wait.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Within());
    }

    [Fact]
    public async Task No_more_than_three_attempts_are_open_at_once_and_a_finished_one_frees_a_place()
    {
        // Attempts may stay open 10 s here, so by 1 s three are open and the tick at 1.5 s is skipped.
        var (clock, check, watch) = Watch(timeout: TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource();

        var wait = watch.WaitUntilAnswersAsync(cts.Token);
        await Asleep(clock, armed: 2);
        clock.Advance(0.5);
        await Asleep(clock, armed: 3);
        clock.Advance(0.5);
        await Asleep(clock, armed: 4);
        Assert.Equal(3, check.Calls);
        clock.Advance(0.5);
        // The tick at 1.5 s fired (3 armed); once it was handled, the next one is armed (4 again).
        await Asleep(clock, armed: 4);
        Assert.Equal(3, check.Calls);
        Assert.Equal(3, check.Open);

        check[0].Refuse();
        await Asleep(clock, armed: 3); // the refused attempt's timeout is gone, and its place with it
        clock.Advance(0.5);
        await Eventually.WaitUntilAsync(() => check.Calls == 4, "attempt 4 in the freed place");

        Assert.False(wait.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Within());
    }

    [Fact]
    public async Task A_check_that_throws_is_an_unreachable_attempt_not_an_end()
    {
        var (clock, check, watch) = Watch();

        var wait = watch.WaitUntilAnswersAsync(CancellationToken.None);
        await Eventually.WaitUntilAsync(() => check.Calls == 1, "the first attempt");
        await Asleep(clock, armed: 2);
        check[0].Fail(new InvalidOperationException("bug\nin the check"));

        await Asleep(clock, armed: 1); // the failed attempt's timeout is gone; the tick is not
        Assert.False(wait.IsCompleted);
        clock.Advance(0.5);
        await Eventually.WaitUntilAsync(() => check.Calls == 2, "the next attempt");
        check[1].Answer();
        Assert.True((await wait.Within()).Answered);
    }

    [Fact]
    public async Task Cancelling_the_wait_cancels_the_attempts_still_open()
    {
        var (_, check, watch) = Watch();
        using var cts = new CancellationTokenSource();

        var wait = watch.WaitUntilAnswersAsync(cts.Token);
        await Eventually.WaitUntilAsync(() => check.Calls == 1, "the first attempt");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Within());
        Assert.True(check[0].Cancelled);
        await Eventually.WaitUntilAsync(() => check.Open == 0, "the attempt to close");
    }

    [Fact]
    public async Task A_real_watch_ends_when_a_loopback_port_starts_listening()
    {
        var port = LoopbackPort.PickFree();
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var reachability = new ServerReachability(TimeProvider.System);
        var refused = 0;
        var watch = new ReachabilityWatch(endpoint, TimeProvider.System, async (server, timeout, ct) =>
        {
            var attempt = await reachability.CheckAsync(server, timeout, ct);
            if (attempt.Problem.StartsWith("refused", StringComparison.Ordinal)) Interlocked.Increment(ref refused);
            return attempt;
        }, interval: TimeSpan.FromMilliseconds(50), timeout: TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);

        var wait = watch.WaitUntilAnswersAsync(cts.Token);
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref refused) > 0, "a refused attempt while nothing listens");
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endpoint);
        listener.Listen();
        var outcome = await wait.Within("the watch to see the listener");

        Assert.True(outcome.Answered);
        Assert.Equal(endpoint, outcome.Endpoint);
    }

    /// <summary>Waits until the watch sleeps: its tick and each open attempt's timeout are armed, so
    /// an Advance fires what it should and not what the loop had yet to arm.</summary>
    private static Task Asleep(ManualTimeProvider clock, int armed) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(clock.ArmedTimers == armed), () => $"{armed} armed timers (now {clock.ArmedTimers})");

    private static (ManualTimeProvider Clock, ScriptedReachabilityCheck Check, ReachabilityWatch Watch) Watch(TimeSpan? timeout = null, int maxInFlight = 3)
    {
        var clock = new ManualTimeProvider();
        var check = new ScriptedReachabilityCheck();
        return (clock, check, new ReachabilityWatch(Server, clock, check.CheckAsync, timeout: timeout, maxInFlight: maxInFlight));
    }
}
