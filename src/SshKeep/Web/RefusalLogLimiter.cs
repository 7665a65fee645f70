namespace SshKeep.Web;

/// <summary>
/// Keeps refused HTTP requests and connections from filling the log (docs/security.md): in each
/// window of <see cref="Interval"/>, the first <see cref="Burst"/> refusals are logged one by
/// one and the rest only counted; the count is logged as one summary when the window closes
/// (at the next refusal, or when <see cref="Flush"/> is called at <see cref="WindowEnds"/>).
/// Without it, a loop of unauthenticated POSTs wrote 48 MB of warnings in 5 s. Not thread-safe
/// (<see cref="HttpRefusalLog"/> holds the lock); time comes from the injected provider.
/// </summary>
internal sealed class RefusalLogLimiter(TimeProvider time, int burst = RefusalLogLimiter.DefaultBurst, TimeSpan? interval = null)
{
    public const int DefaultBurst = 5;

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private DateTimeOffset? _windowStart;
    private int _logged;
    private int _suppressed;

    public int Burst => burst;

    public TimeSpan Interval { get; } = interval ?? DefaultInterval;

    /// <summary>When the current window closes; null before the first refusal.</summary>
    public DateTimeOffset? WindowEnds => _windowStart + Interval;

    /// <summary>Counts are left out and waiting for a summary.</summary>
    public bool HasSuppressed => _suppressed > 0;

    /// <summary>One more refusal.</summary>
    public RefusalLogVerdict Refused()
    {
        var now = time.GetUtcNow();
        RefusalSummary? summary = null;
        if (_windowStart is not { } start || now - start >= Interval) summary = Close(now);
        if (_logged < burst)
        {
            _logged++;
            return new RefusalLogVerdict(true, summary);
        }

        _suppressed++;
        return new RefusalLogVerdict(false, summary);
    }

    /// <summary>The summary of a window that has closed with refusals left out, else null.</summary>
    public RefusalSummary? Flush()
    {
        var now = time.GetUtcNow();
        return _windowStart is { } start && now - start >= Interval ? Close(now) : null;
    }

    private RefusalSummary? Close(DateTimeOffset now)
    {
        var summary = _suppressed > 0 && _windowStart is { } start ? new RefusalSummary(_suppressed, now - start) : null;
        _windowStart = now;
        _logged = 0;
        _suppressed = 0;
        return summary;
    }
}
