using SshKeep.Supervision;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Supervision;

/// <summary>Tier 2: the daemon's one timer for every tunnel's probe rounds, on a manual clock.</summary>
public class ProbeClockTests
{
    /// <summary>Counts the clock's timer firings: each is one wake-up of the daemon.</summary>
    private sealed class CountingTime(ManualTimeProvider inner) : TimeProvider
    {
        private int _fired;
        public int Fired => Volatile.Read(ref _fired);
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
        public override long GetTimestamp() => inner.GetTimestamp();
        public override long TimestampFrequency => inner.TimestampFrequency;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            }, state, dueTime, period);
    }

    private readonly ManualTimeProvider _clock = new(); // starts on a whole second
    private readonly CountingTime _time;

    public ProbeClockTests() => _time = new CountingTime(_clock);

    [Fact]
    public async Task A_long_wait_ends_on_the_next_whole_second_and_not_before()
    {
        using var probeClock = new ProbeClock(_time);
        var wait = probeClock.WaitAsync(TimeSpan.FromSeconds(4.9), onGrain: true, CancellationToken.None);

        _clock.Advance(4.9);
        Assert.False(wait.IsCompleted);
        _clock.Advance(0.1); // 5.0 s: the next whole second
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Waits_due_within_one_grain_share_one_wake_up()
    {
        using var probeClock = new ProbeClock(_time);
        var waits = Enumerable.Range(0, 100)
            .Select(i => probeClock.WaitAsync(TimeSpan.FromSeconds(4.8) + TimeSpan.FromMilliseconds(i * 2), onGrain: true, CancellationToken.None))
            .ToList();

        _clock.Advance(5); // 4.8 … 4.998 s all end on the 5.0 s boundary

        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _time.Fired);
    }

    [Fact]
    public async Task Waits_a_second_apart_wake_once_each_and_nothing_ticks_in_between()
    {
        using var probeClock = new ProbeClock(_time);
        var waits = Enumerable.Range(1, 5).Select(i => probeClock.WaitAsync(TimeSpan.FromSeconds(i), onGrain: true, CancellationToken.None)).ToList();

        _clock.Advance(10);

        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, _time.Fired);
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public async Task A_loop_whose_rounds_start_a_little_late_stays_an_interval_apart()
    {
        // Woken at 0 s, the round starts 10 ms late and takes 30 ms; it asks for 5 s minus 30 ms.
        using var probeClock = new ProbeClock(_time);
        _clock.Advance(0.040);
        var wait = probeClock.WaitAsync(TimeSpan.FromSeconds(4.970), onGrain: true, CancellationToken.None);

        _clock.Advance(4.950); // 4.990 s
        Assert.False(wait.IsCompleted);
        _clock.Advance(0.010); // 5.000 s: the boundary, not 6 s
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0.25, true)]   // a short wait (a retry before the first pass), even where the grain is allowed
    [InlineData(2.5, false)]   // a wait the caller keeps off the grain (an interval of 2.5 s)
    public async Task Waits_off_the_grain_keep_their_exact_time(double seconds, bool onGrain)
    {
        using var probeClock = new ProbeClock(_time);
        _clock.Advance(0.1);
        var wait = probeClock.WaitAsync(TimeSpan.FromSeconds(seconds), onGrain, CancellationToken.None);

        _clock.Advance(seconds - 0.001);
        Assert.False(wait.IsCompleted);
        _clock.Advance(0.001);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_zero_wait_ends_at_once_and_arms_nothing()
    {
        using var probeClock = new ProbeClock(_time);

        await probeClock.WaitAsync(TimeSpan.Zero, onGrain: true, CancellationToken.None);

        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once_and_the_others_keep_their_time()
    {
        using var probeClock = new ProbeClock(_time);
        using var cancel = new CancellationTokenSource();
        var cancelled = probeClock.WaitAsync(TimeSpan.FromSeconds(5), onGrain: true, cancel.Token);
        var other = probeClock.WaitAsync(TimeSpan.FromSeconds(5), onGrain: true, CancellationToken.None);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(other.IsCompleted);
        _clock.Advance(5);
        await other.WaitAsync(TimeSpan.FromSeconds(10));
        // The cancelled wait's entry went with the other's: nothing is left to wake for.
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public async Task An_earlier_wait_rearms_the_timer_for_itself()
    {
        using var probeClock = new ProbeClock(_time);
        var late = probeClock.WaitAsync(TimeSpan.FromSeconds(30), onGrain: true, CancellationToken.None);
        var soon = probeClock.WaitAsync(TimeSpan.FromSeconds(1), onGrain: true, CancellationToken.None);

        _clock.Advance(1);

        await soon.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(late.IsCompleted);
    }

    [Fact]
    public async Task Disposing_ends_the_waits_left_as_cancelled()
    {
        var probeClock = new ProbeClock(_time);
        var wait = probeClock.WaitAsync(TimeSpan.FromSeconds(5), onGrain: true, CancellationToken.None);

        probeClock.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
