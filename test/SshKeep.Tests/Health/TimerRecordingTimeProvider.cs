using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Health;

/// <summary>
/// A <see cref="ManualTimeProvider"/> that also records the due time of every timer created, so a
/// test can tell which wait the code under test has entered (a network wait of T, or the
/// black-hole guard's one-second pause) and advance the clock exactly past it.
/// </summary>
public sealed class TimerRecordingTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _created = [];

    public ManualTimeProvider Clock { get; } = new();

    /// <summary>Due times of the timers armed so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Created
    {
        get { lock (_gate) return [.. _created]; }
    }

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new RecordingTimer(this, Clock.CreateTimer(callback, state, dueTime, period));
    }

    /// <summary>Records an arming (creation or Change with a finite due time).</summary>
    internal void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return;
        lock (_gate) _created.Add(dueTime);
    }
}
