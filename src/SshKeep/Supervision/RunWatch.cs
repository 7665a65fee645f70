using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>
/// What one ssh run says about itself: its stderr lines (logged under the tunnel's name and
/// classified) and whether the tunnel came up: the session authenticated, every local listener
/// accepts, and ssh kept running for the settle time (a refused -R forward ends it by then).
/// </summary>
internal sealed class RunWatch(
    ISshProcess process,
    TunnelConfig config,
    ILogger log,
    TimeProvider time,
    TunnelSupervisorOptions options,
    StderrLogLimiter logLimit,
    Action<string> onErrorLine)
{
    private readonly TaskCompletionSource _authenticated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private SshStderrLine _decisive;
    private string? _lastLine;
    private bool _couldNotConnect;

    /// <summary>The last line that said why ssh failed (permanent, port held, transient).</summary>
    public SshStderrLine Decisive
    {
        get { lock (_gate) return _decisive; }
    }

    /// <summary>ssh said its TCP connect to the server failed (<see cref="SshStderrClassifier.IsConnectFailure"/>).</summary>
    public bool CouldNotConnect
    {
        get { lock (_gate) return _couldNotConnect; }
    }

    /// <summary>The last meaningful stderr line, for status and logs.</summary>
    public string? LastLine
    {
        get { lock (_gate) return _lastLine; }
    }

    public async Task PumpStderrAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var raw in process.StandardErrorLines.WithCancellation(cancellationToken))
            {
                var line = raw.TrimEnd('\r');
                if (line.Length == 0) continue;
                // Every line is classified; only the log (and the status's last error, which
                // follows the log) is limited, so an endless stderr cannot fill the disk.
                var logged = Log(line);
                var classified = SshStderrClassifier.Classify(line);
                if (classified.Kind == SshFailureKind.Authenticated)
                {
                    _authenticated.TrySetResult();
                    continue;
                }

                if (IsNoise(line)) continue;
                lock (_gate)
                {
                    _lastLine = line;
                    if (SshStderrClassifier.IsConnectFailure(line)) _couldNotConnect = true;
                    // A later plain transient line ("Connection closed") must not hide the
                    // permanent or port reason printed just before it.
                    if (classified.Kind != SshFailureKind.None && Weight(classified) >= Weight(_decisive)) _decisive = classified;
                }

                if (logged) onErrorLine(line);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_gate) ReportDropped(logLimit.Flush());
        }
    }

    private bool Log(string line)
    {
        lock (_gate)
        {
            var decision = logLimit.Admit();
            ReportDropped(decision);
            if (decision.Log) log.SshStderr(config.Name, DaemonLogText.SshLine(line));
            return decision.Log;
        }
    }

    /// <summary>Caller holds the lock (the limiter is not thread-safe; runs of a tunnel follow each other).</summary>
    private void ReportDropped(StderrLogDecision decision)
    {
        if (decision.Dropped > 0)
            log.SshStderrRateLimited(config.Name, DaemonCount.Lines(decision.Dropped), decision.Over, StderrLogLimiter.Burst, StderrLogLimiter.PerSecond);
    }

    /// <summary>Completes when the tunnel is up; never completes otherwise (cancelled with the run).</summary>
    public async Task DetectUpAsync(CancellationToken cancellationToken)
    {
        // Without "Authenticated" (a user's LogLevel below VERBOSE), the connect timeout is the
        // longest a failing session can take, so surviving it means the session is there.
        var fallback = Task.Delay(TimeSpan.FromSeconds(Math.Max(1, config.Health.ConnectTimeout)), time, cancellationToken);
        await Task.WhenAny(_authenticated.Task, fallback);
        cancellationToken.ThrowIfCancellationRequested();

        foreach (var forward in config.Forwards.Where(f => f.Kind != ForwardKind.Remote))
        {
            while (!await AcceptsAsync(forward, cancellationToken))
                await Task.Delay(options.ListenerPoll, time, cancellationToken);
        }

        await Task.Delay(options.Settle, time, cancellationToken);
    }

    /// <summary>A check that fails in an unexpected way counts as "not yet", never as "never":
    /// the tunnel must not stay "starting" for the rest of this ssh's life because of one error.</summary>
    private async Task<bool> AcceptsAsync(ForwardSpec forward, CancellationToken cancellationToken)
    {
        try
        {
            return await options.ListenerAccepts(forward, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    private static int Weight(SshStderrLine line) =>
        line.IsPermanent ? 3 : line.Kind == SshFailureKind.RemotePortInUse ? 2 : line.Kind == SshFailureKind.None ? 0 : 1;

    /// <summary>ssh's own bookkeeping lines, not errors.</summary>
    private static bool IsNoise(string line) =>
        line.StartsWith("Transferred: ", StringComparison.Ordinal) ||
        line.StartsWith("Bytes per second: ", StringComparison.Ordinal) ||
        line.StartsWith("Warning: Permanently added", StringComparison.Ordinal);
}
