namespace SshKeep.Supervision;

/// <summary>
/// How many of a tunnel's ssh stderr lines reach the log: a token bucket (a burst of
/// <see cref="Burst"/> lines, then <see cref="PerSecond"/> a second), so a ProxyCommand or a
/// server that writes stderr endlessly cannot fill the disk or eat the CPU with log lines
/// (docs/security.md). Lines over the limit are counted, and the count is reported at most every
/// <see cref="ReportEvery"/> with a logged line, and when the stream ends. Only the log is limited:
/// every line is still read and classified. One per tunnel, kept across its ssh runs, so a restart
/// does not refill the burst. Pure: time comes from the injected clock.
/// </summary>
internal sealed class StderrLogLimiter(TimeProvider time)
{
    /// <summary>Lines logged at once before the rate applies: enough for ssh's own chatter, even
    /// a <c>LogLevel=DEBUG</c> connect.</summary>
    public const int Burst = 200;

    /// <summary>Lines a second logged once the burst is spent.</summary>
    public const int PerSecond = 2;

    /// <summary>Dropped lines are reported at most this often.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    private double _tokens = Burst;
    private long _refilledAt = time.GetTimestamp();
    private int _dropped;
    private long _droppingSince;

    /// <summary>Decides about one line, now.</summary>
    public StderrLogDecision Admit()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(Burst, _tokens + time.GetElapsedTime(_refilledAt, now).TotalSeconds * PerSecond);
        _refilledAt = now;
        if (_tokens < 1)
        {
            if (_dropped++ == 0) _droppingSince = now;
            return new StderrLogDecision(false, 0, TimeSpan.Zero);
        }

        _tokens -= 1;
        var over = _dropped > 0 ? time.GetElapsedTime(_droppingSince, now) : TimeSpan.Zero;
        if (_dropped == 0 || over < ReportEvery) return new StderrLogDecision(true, 0, TimeSpan.Zero);
        return Report(true, over);
    }

    /// <summary>The stream ended: the drops not reported yet, if any.</summary>
    public StderrLogDecision Flush() =>
        _dropped == 0 ? new StderrLogDecision(false, 0, TimeSpan.Zero) : Report(false, time.GetElapsedTime(_droppingSince));

    private StderrLogDecision Report(bool log, TimeSpan over)
    {
        var decision = new StderrLogDecision(log, _dropped, over);
        _dropped = 0;
        return decision;
    }
}
