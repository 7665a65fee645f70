using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Logging;

namespace SshKeep.Supervision;

/// <summary>One end-to-end probe of one forward of a tunnel.</summary>
/// <param name="connectListener">Also connect to the forward's local listener, where the probe
/// would otherwise skip it (<see cref="ProbeSchedule.ChecksListeners"/> says when).</param>
internal delegate Task<ProbeResult> ForwardProber(TunnelConfig tunnel, ForwardSpec forward, bool connectListener,
    CancellationToken cancellationToken);

/// <summary>
/// The end-to-end probes of one ssh run: every forward is probed each round,
/// as <see cref="ProbeSchedule"/> says; the first passing round marks the tunnel healthy, and
/// enough failing rounds in a row end the loop with the failure that condemned the ssh.
/// </summary>
/// <remarks>
/// Between rounds the loop holds one wait on the daemon's <see cref="ProbeClock"/> and nothing else
/// (an idle daemon with many tunnels): <see cref="ProbeNow"/> cancels that wait.
/// </remarks>
internal sealed class ProbeLoop(
    TunnelConfig config,
    ForwardProber probe,
    TimeProvider time,
    ProbeClock clock,
    ILogger log,
    Action<string, ProbeResult>? onProbe)
{
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private CancellationTokenSource? _waiting;
    private bool _nowRequested;

    /// <summary>Completes when a whole round passed for the first time.</summary>
    public Task FirstPass => _firstPass.Task;

    /// <summary>Runs the next round at once (a network change), with every step.</summary>
    public void ProbeNow()
    {
        CancellationTokenSource? waiting;
        lock (_gate)
        {
            _nowRequested = true;
            waiting = _waiting;
        }
        try { waiting?.Cancel(); }
        catch (ObjectDisposedException) { } // the wait ended meanwhile; the flag starts the round
    }

    /// <summary>Probes until the ssh is condemned; returns the failure that did it.</summary>
    public async Task<ProbeResult> RunUntilCondemnedAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var sinceListenerChecked = 0;
        var requested = false;
        while (true)
        {
            var connectListener = ProbeSchedule.ChecksListeners(sinceListenerChecked, FirstPass.IsCompleted, failures > 0, requested);
            sinceListenerChecked = connectListener ? 0 : sinceListenerChecked + 1;
            var started = time.GetTimestamp();
            ProbeResult[] results = config.Forwards.Count == 1
                ? [await ProbeOneAsync(config.Forwards[0], connectListener, cancellationToken)]
                : await Task.WhenAll(config.Forwards.Select(f => ProbeOneAsync(f, connectListener, cancellationToken)));
            var took = time.GetElapsedTime(started);
            foreach (var result in results) onProbe?.Invoke(config.Name, result);

            var failed = Array.Find(results, r => !r.Ok);
            if (failed is null)
            {
                failures = 0;
                _firstPass.TrySetResult();
            }
            else
            {
                failures++;
                if (ProbeSchedule.Condemns(failures, config.Health)) return failed;
                log.ProbeFailed(config.Name, failed.Forward.ToString(), failed.Failure ?? "failed", failures,
                    Math.Max(1, config.Health.ProbeFailures), ProbeSchedule.NextDelay(false, took, config.Health, FirstPass.IsCompleted));
            }

            requested = await WaitForNextRoundAsync(ProbeSchedule.NextDelay(failed is null, took, config.Health, FirstPass.IsCompleted),
                ProbeSchedule.WaitsOnGrain(failed is null, config.Health), cancellationToken);
        }
    }

    /// <summary>Waits <paramref name="delay"/> or until <see cref="ProbeNow"/>; true for the latter.</summary>
    private async Task<bool> WaitForNextRoundAsync(TimeSpan delay, bool onGrain, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            if (_nowRequested)
            {
                _nowRequested = false;
                return true;
            }
            _waiting = waiting;
        }
        try
        {
            await clock.WaitAsync(delay, onGrain, waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // ProbeNow cut the wait short.
        }
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _waiting = null;
            var now = _nowRequested;
            _nowRequested = false;
            return now;
        }
    }

    /// <summary>A probe that throws is a failed probe, never a crashed supervisor.</summary>
    private async Task<ProbeResult> ProbeOneAsync(ForwardSpec forward, bool connectListener, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            return await probe(config, forward, connectListener, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(forward, false, time.GetElapsedTime(started), e.Message.ReplaceLineEndings(" "));
        }
    }
}
