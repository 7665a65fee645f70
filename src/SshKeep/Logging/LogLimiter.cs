namespace SshKeep.Logging;

/// <summary>Keeps a flood of one kind of line from filling the disk (docs/security.md); the lines left out are reported
/// as one line at most every <see cref="LogLimit.ReportEvery"/>. Not thread-safe: the callers serialise.</summary>
internal class LogLimiter(TimeProvider time, LogLimit limit)
{
    private double _tokens = limit.Burst;
    private long _refilledAt = time.GetTimestamp();
    private int _dropped;

    // Bucket: when the first unreported line was left out; window: when it opened (null before the first line).
    private long? _since;

    public bool HasDropped => _dropped > 0;

    /// <summary>Negative when overdue; null with no window or first drop to count from.</summary>
    public TimeSpan? ReportDueIn => _since is { } since ? limit.ReportEvery - time.GetElapsedTime(since) : null;

    public LogLimitDecision Admit()
    {
        var now = time.GetTimestamp();
        var report = default(LogLimitDecision);
        if (limit.Windowed)
        {
            if (_since is null || Due(now)) report = Close(now);
        }
        else
        {
            _tokens = Math.Min(limit.Burst, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * limit.PerSecond));
            _refilledAt = now;
        }

        if (_tokens < 1)
        {
            if (_dropped++ == 0 && !limit.Windowed) _since = now;
            return report;
        }

        _tokens -= 1;
        if (!limit.Windowed && Due(now)) report = Report(now);
        return report with { Log = true };
    }

    /// <summary>The lines left out to report now: a closed window's (which starts the next), or all when <paramref name="ended"/>.</summary>
    public LogLimitDecision Flush(bool ended)
    {
        var now = time.GetTimestamp();
        if (ended) return Report(now);
        if (!Due(now)) return default;
        return limit.Windowed ? Close(now) : Report(now);
    }

    private bool Due(long now) => _since is { } since && time.GetElapsedTime(since, now) >= limit.ReportEvery;

    private LogLimitDecision Close(long now)
    {
        var report = Report(now);
        _tokens = limit.Burst;
        _since = now;
        return report;
    }

    private LogLimitDecision Report(long now)
    {
        if (_dropped == 0) return default;
        var report = new LogLimitDecision(false, _dropped, time.GetElapsedTime(_since!.Value, now));
        _dropped = 0;
        return report;
    }
}
