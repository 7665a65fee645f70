using System.Threading.Channels;
namespace SshKeep.Tests.Fakes;

/// <summary>
/// A clock that moves only when a test says so (the TimeProvider testing package is not
/// available here). Timers fire, in due order, inside <see cref="Advance"/>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private readonly Channel<TimeSpan> _arms = Channel.CreateUnbounded<TimeSpan>();

    public ManualTimeProvider(DateTimeOffset? start = null) =>
        _now = start ?? new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Number of timers that are armed now (useful to wait until the code under test sleeps).</summary>
    public int ArmedTimers
    {
        get { lock (_gate) return _timers.Count(t => t.DueAt is not null); }
    }

    /// <summary>Waits for the next timer armed, in the order they were armed since the last
    /// <see cref="ForgetArms"/>, whose due time from then matches (any when null).</summary>
    public async Task ArmedAsync(Func<TimeSpan, bool>? match = null)
    {
        while (true)
        {
            var dueIn = await _arms.Reader.ReadAsync();
            if (match?.Invoke(dueIn) ?? true) return;
        }
    }

    /// <summary>Forgets the timers armed so far: <see cref="ArmedAsync"/> then waits for later ones.</summary>
    public void ForgetArms()
    {
        while (_arms.Reader.TryRead(out _)) { }
    }

    /// <summary>Moves the clock to the earliest armed timer's due time, firing it.</summary>
    public void AdvanceToNextTimer()
    {
        TimeSpan by;
        lock (_gate) by = _timers.Where(t => t.DueAt is not null).Min(t => t.DueAt!.Value) - _now;
        Advance(by < TimeSpan.Zero ? TimeSpan.Zero : by);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by));
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is not null && t.DueAt <= target)
                              .OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.DueAt > _now) _now = next.DueAt!.Value;
                next.Rearm(_now);
            }
            next.Fire();
        }
    }

    public void Advance(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this)) owner._timers.Add(this);
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                if (DueAt is not null) owner._arms.Writer.TryWrite(dueTime);
            }
            return true;
        }

        /// <summary>Called under the owner's lock when the timer fires.</summary>
        public void Rearm(DateTimeOffset now) =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
