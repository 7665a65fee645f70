using Microsoft.Extensions.Logging;
using SshKeep.Logging;

namespace SshKeep.Web;

/// <summary>
/// Logs the HTTP listener's refusals (403s and closed connections) through one
/// <see cref="RefusalLogLimiter"/>, with a timer that writes the summary of a window that closed
/// while nobody was refused any more. Thread-safe.
/// </summary>
internal sealed class HttpRefusalLog : IDisposable
{
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly RefusalLogLimiter _limiter;
    private readonly Lock _gate = new();
    private ITimer? _flush;

    public HttpRefusalLog(ILogger log, TimeProvider time, RefusalLogLimiter? limiter = null)
    {
        _log = log;
        _time = time;
        _limiter = limiter ?? new RefusalLogLimiter(time);
    }

    /// <summary>A request answered 403.</summary>
    public void Request(string method, string path, HttpPeer? peer, string reason)
    {
        if (Admit()) _log.HttpRefused(method, path, Describe(peer), reason);
    }

    /// <summary>A connection closed before its first request.</summary>
    public void Connection(HttpPeer peer, string reason)
    {
        if (Admit()) _log.HttpConnectionRefused(peer.ToString(), reason);
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
        RefusalLogVerdict verdict;
        lock (_gate)
        {
            verdict = _limiter.Refused();
            ArmFlush();
        }

        if (verdict.Summary is { } summary) LogSummary(summary);
        return verdict.Log;
    }

    private void Flush()
    {
        RefusalSummary? summary;
        lock (_gate)
        {
            _flush?.Dispose();
            _flush = null;
            summary = _limiter.Flush();
            ArmFlush();
        }

        if (summary is not null) LogSummary(summary);
    }

    /// <summary>Under the lock: a timer for the end of a window that has refusals left out.</summary>
    private void ArmFlush()
    {
        if (_flush is not null || !_limiter.HasSuppressed || _limiter.WindowEnds is not { } ends) return;
        var due = ends - _time.GetUtcNow();
        _flush = _time.CreateTimer(_ => Flush(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void LogSummary(RefusalSummary summary) =>
        _log.HttpRefusalsSummarised(summary.Count, Math.Max(1, (int)Math.Round(summary.Over.TotalSeconds)), _limiter.Burst, (int)_limiter.Interval.TotalSeconds);
}
