using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>One ssh run's stderr: every line is handed on, the log is rate-limited. The limiter is not
/// thread-safe: a run's pump ends before the next run starts.</summary>
internal sealed class StderrPump(ISshProcess process, string tunnel, ILogger log, StderrLogLimiter limit, Action<TunnelEvent> post)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var raw in process.StandardErrorLines.WithCancellation(cancellationToken))
            {
                var line = raw.TrimEnd('\r');
                if (line.Length == 0) continue;
                var decision = limit.Admit();
                ReportDropped(decision);
                if (decision.Log) log.SshStderr(tunnel, DaemonLogText.SshLine(line));
                post(new TunnelEvent.StderrLine(line, decision.Log));
            }

            post(new TunnelEvent.StderrClosed());
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            ReportDropped(limit.Flush(ended: true));
        }
    }

    private void ReportDropped(LogLimitDecision decision)
    {
        if (decision.Dropped > 0)
            log.SshStderrRateLimited(tunnel, DaemonCount.Lines(decision.Dropped), decision.Over, StderrLogLimiter.Burst, StderrLogLimiter.PerSecond);
    }
}
