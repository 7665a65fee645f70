using System.Text;
using SshKeep.Demo;

namespace SshKeep.Bench.Soak;

/// <summary>
/// The end-to-end check after a heal: bytes through 127.0.0.1:port (an -L's listener, or the
/// server's listener of an -R) must come back from the echo server. A probe starts every 250 ms,
/// each on a new connection with a 2 s timeout, without waiting for the previous one, so a probe
/// hanging on a dead session cannot hide the recovery (as bench/faults' prober).
/// </summary>
internal static class TunnelCheck
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long after <paramref name="healedAt"/> the first good probe (started at or after it)
    /// came back; null when none did within <paramref name="limit"/> of the heal.</summary>
    public static async Task<TimeSpan?> BackAfterAsync(int port, long healedAt, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var good = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probes = new List<Task>();
        var attempt = 0;
        try
        {
            while (!good.Task.IsCompleted && time.GetElapsedTime(healedAt) < limit)
            {
                var token = Encoding.ASCII.GetBytes($"soak {port} {++attempt}\n");
                probes.Add(ProbeAsync(port, token, good, time, stop.Token));
                await Task.WhenAny(good.Task, Task.Delay(Every, time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            // A probe started before the limit may still come back: give the last ones their timeout.
            if (!good.Task.IsCompleted) await Task.WhenAny(good.Task, Task.WhenAll(probes)).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(probes).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return good.Task.IsCompleted ? time.GetElapsedTime(healedAt, good.Task.Result) : null;
    }

    private static async Task ProbeAsync(int port, byte[] token, TaskCompletionSource<long> good, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            if (await EchoProbe.RoundTripAsync(port, token, ProbeTimeout, time, cancellationToken).ConfigureAwait(false))
                good.TrySetResult(time.GetTimestamp());
        }
        catch (OperationCanceledException)
        {
            // The check is over.
        }
    }
}
