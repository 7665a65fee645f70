using SshKeep.Logging;

namespace SshKeep.Web;

/// <summary>The HTTP listener's refusals (403s, closed connections), rate-limited (docs/observability.md "Who may use
/// the page"): a loop of refused POSTs once wrote 48 MB in 5 s. Thread-safe.</summary>
internal sealed class HttpRefusalLog(ILogger log, TimeProvider time) : IDisposable
{
    private readonly LogLimiter _limiter = new(time, Limit);
    private readonly Lock _gate = new();
    private ITimer? _flush;

    /// <summary>A fixed window: <see cref="LogLimit.PerSecond"/> 0.</summary>
    public static LogLimit Limit { get; } = new(5, 0, TimeSpan.FromSeconds(10));

    public void Request(string method, string path, HttpPeer? peer, string reason)
    {
        if (Admit()) log.HttpRefused(method, path, Describe(peer), reason);
    }

    public void Connection(HttpPeer peer, string reason)
    {
        if (Admit()) log.HttpConnectionRefused(peer.ToString(), reason);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _flush?.Dispose();
            _flush = null;
        }
    }

    internal static string Describe(HttpPeer? peer) => peer?.ToString() ?? "an unknown peer";

    private bool Admit()
    {
        LogLimitDecision decision;
        lock (_gate)
        {
            decision = _limiter.Admit();
            ArmFlush();
        }

        LogSummary(decision);
        return decision.Log;
    }

    private void Flush()
    {
        LogLimitDecision summary;
        lock (_gate)
        {
            _flush?.Dispose();
            _flush = null;
            summary = _limiter.Flush(ended: false);
            ArmFlush();
        }

        LogSummary(summary);
    }

    /// <summary>Under the lock.</summary>
    private void ArmFlush()
    {
        if (_flush is not null || !_limiter.HasDropped || _limiter.ReportDueIn is not { } due) return;
        _flush = time.CreateTimer(_ => Flush(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void LogSummary(LogLimitDecision summary)
    {
        if (summary.Dropped > 0)
            log.HttpRefusalsSummarised(summary.Dropped, Math.Max(1, (int)Math.Round(summary.Over.TotalSeconds)), Limit.Burst, (int)Limit.ReportEvery.TotalSeconds);
    }
}
