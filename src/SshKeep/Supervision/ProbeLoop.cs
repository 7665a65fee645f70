using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Observability;

namespace SshKeep.Supervision;

/// <summary>
/// The end-to-end probes of one ssh run (issue 4 item 1): every forward is probed each round,
/// as <see cref="ProbeSchedule"/> says; the first passing round marks the tunnel healthy, and
/// enough failing rounds in a row end the loop with the failure that condemned the ssh.
/// </summary>
internal sealed class ProbeLoop(
    TunnelConfig config,
    Func<TunnelConfig, ForwardSpec, CancellationToken, Task<ProbeResult>> probe,
    TimeProvider time,
    ILogger log,
    Action<string, ProbeResult>? onProbe)
{
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _now = new(0, 1);

    /// <summary>Completes when a whole round passed for the first time.</summary>
    public Task FirstPass => _firstPass.Task;

    /// <summary>Runs the next round at once (a network change).</summary>
    public void ProbeNow()
    {
        try { if (_now.CurrentCount == 0) _now.Release(); }
        catch (SemaphoreFullException) { }
    }

    /// <summary>Probes until the ssh is condemned; returns the failure that did it.</summary>
    public async Task<ProbeResult> RunUntilCondemnedAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var started = time.GetTimestamp();
            var results = await Task.WhenAll(config.Forwards.Select(f => ProbeOneAsync(f, cancellationToken)));
            var took = time.GetElapsedTime(started);
            foreach (var result in results) onProbe?.Invoke(config.Name, result);

            var failed = results.FirstOrDefault(r => !r.Ok);
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

            var wait = Task.Delay(ProbeSchedule.NextDelay(failed is null, took, config.Health, FirstPass.IsCompleted), time, cancellationToken);
            await Task.WhenAny(wait, _now.WaitAsync(cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A probe that throws is a failed probe, never a crashed supervisor.</summary>
    private async Task<ProbeResult> ProbeOneAsync(ForwardSpec forward, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            return await probe(config, forward, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(forward, false, time.GetElapsedTime(started), e.Message.ReplaceLineEndings(" "));
        }
    }
}
