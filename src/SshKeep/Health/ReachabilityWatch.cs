using System.Net;

namespace SshKeep.Health;

/// <summary>
/// Waits until the ssh server answers a <see cref="ReachabilityCheck"/>, so a tunnel waiting out
/// an outage starts ssh the moment the server is back (docs/reachability.md, "How often").
/// </summary>
/// <remarks>
/// A new attempt starts every <see cref="Interval"/> even while earlier ones still wait for their
/// handshake: a SYN sent into a black hole is lost for good, and only a fresh SYN after the heal
/// can be answered. <see cref="MaxInFlight"/> bounds the sockets a slow network can pile up. The
/// first answer ends the watch and abandons the attempts still open.
/// </remarks>
internal sealed class ReachabilityWatch
{
    /// <summary>Half a second: the first SYN after a heal goes out within this.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>With a 100 ms interval and a 1 s timeout, ten keep the cadence while every SYN is dropped.</summary>
    public const int DefaultMaxInFlight = 10;

    private readonly IPEndPoint _endpoint;
    private readonly Func<IPEndPoint, TimeSpan, CancellationToken, Task<ReachabilityOutcome>> _check;
    private readonly TimeProvider _time;
    private ReachabilityOutcome? _lastOutcome;
    private int _attempts;
    private int _inFlight;

    /// <param name="timeout">How long one attempt may wait; default <see cref="ReachabilityCheck.DefaultTimeout"/>.</param>
    /// <param name="check">The check itself; default a real <see cref="ReachabilityCheck"/> (tests pass a fake).</param>
    public ReachabilityWatch(
        IPEndPoint endpoint,
        TimeProvider time,
        TimeSpan? interval = null,
        TimeSpan? timeout = null,
        Func<IPEndPoint, TimeSpan, CancellationToken, Task<ReachabilityOutcome>>? check = null,
        int maxInFlight = DefaultMaxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        MaxInFlight = maxInFlight;
        Interval = interval ?? DefaultInterval;
        Timeout = timeout ?? ReachabilityCheck.DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(interval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        _endpoint = endpoint;
        _time = time;
        _check = check ?? new ReachabilityCheck(time).CheckAsync;
    }

    public TimeSpan Interval { get; }

    /// <summary>Attempts open at the same time, at most.</summary>
    public int MaxInFlight { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The most recent attempt to finish; null before the first one finished.</summary>
    public ReachabilityOutcome? LastOutcome => Volatile.Read(ref _lastOutcome);

    /// <summary>Attempts started so far, over every wait.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Attempts open right now (shared by concurrent waits).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Completes with the first answering check. Throws
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<ReachabilityOutcome> WaitUntilAnswersAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answered = new TaskCompletionSource<ReachabilityOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Volatile.Read(ref _inFlight) < MaxInFlight)
                {
                    Interlocked.Increment(ref _inFlight);
                    Interlocked.Increment(ref _attempts);
                    _ = AttemptAsync(answered, stop.Token);
                }
                var tick = Task.Delay(Interval, _time, stop.Token);
                await Task.WhenAny(answered.Task, tick).ConfigureAwait(false);
                if (answered.Task.IsCompleted) return await answered.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            // Abandons the attempts still open: their sockets close, their outcomes are dropped.
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One attempt: check, record; never throws.</summary>
    private async Task AttemptAsync(TaskCompletionSource<ReachabilityOutcome> answered, CancellationToken stop)
    {
        try
        {
            using var timeoutSource = new CancellationTokenSource(Timeout, _time);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, timeoutSource.Token);
            ReachabilityOutcome outcome;
            try
            {
                outcome = await _check(_endpoint, Timeout, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the watch is over; nobody wants this outcome
            }
            catch (OperationCanceledException)
            {
                outcome = ReachabilityOutcome.TimedOutAt(_endpoint, Timeout);
            }
            catch (Exception e)
            {
                // A check that throws is a bug in the check, but the watch goes on.
                outcome = ReachabilityOutcome.UnreachableAt(_endpoint, e.Message.ReplaceLineEndings(" "));
            }
            Volatile.Write(ref _lastOutcome, outcome);
            if (outcome.Answered) answered.TrySetResult(outcome);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
