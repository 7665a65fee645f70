using System.Net;

namespace SshKeep.Health;

/// <summary>
/// Waits until the ssh server answers a <see cref="ReachabilityCheck"/>: the gate that lets a
/// tunnel waiting out an outage start ssh the moment the server is back, so
/// recovery does not depend on how long the outage lasted or where the back-off stands.
/// </summary>
/// <remarks>
/// A new attempt starts every <see cref="Interval"/> even while earlier ones are still waiting
/// for their handshake (each lives up to <see cref="Timeout"/>): a SYN sent into a black hole is
/// lost for good, and only a fresh SYN after the heal can be answered, so the first answer comes
/// within one interval of the heal rather than up to a timeout later. At most
/// <see cref="MaxInFlight"/> attempts are open at once (a tick is skipped when that many are),
/// which bounds the sockets a slow network can pile up. The watch stops at the first answer and
/// abandons the attempts still open, so a server that answers sees one connection per outage.
/// The endpoint comes from a resolver called at each attempt, so a watch that outlives a DNS or
/// address change follows it; a resolver that fails or has nothing yields an
/// <see cref="ReachabilityVerdict.Unreachable"/> attempt, never an exception.
/// </remarks>
internal sealed class ReachabilityWatch
{
    /// <summary>Half a second: the first SYN after a heal goes out within this.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts open at the same time, at most, by default: with a 100 ms interval and a
    /// 1 s timeout, ten keep the cadence while every SYN is dropped (a black hole).</summary>
    public const int DefaultMaxInFlight = 10;

    private readonly Func<CancellationToken, ValueTask<IPEndPoint?>> _resolve;
    private readonly Func<IPEndPoint, TimeSpan, CancellationToken, Task<ReachabilityOutcome>> _check;
    private readonly TimeProvider _time;
    private ReachabilityOutcome? _lastOutcome;
    private int _attempts;
    private int _inFlight;

    /// <param name="resolve">The endpoint to check, asked at every attempt; null when there is
    /// none (the attempt then counts as unreachable). It gets the attempt's token, which ends at the timeout.</param>
    /// <param name="time">Clock for the interval and the timeouts.</param>
    /// <param name="interval">Time between attempt starts; default <see cref="DefaultInterval"/>.</param>
    /// <param name="timeout">How long one attempt may wait; default <see cref="ReachabilityCheck.DefaultTimeout"/>.</param>
    /// <param name="check">The check itself; default a real <see cref="ReachabilityCheck"/> (tests pass a fake).</param>
    public ReachabilityWatch(
        Func<CancellationToken, ValueTask<IPEndPoint?>> resolve,
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
        _resolve = resolve;
        _time = time;
        _check = check ?? new ReachabilityCheck(time).CheckAsync;
    }

    /// <summary>A watch on one fixed endpoint (for example <see cref="ConnectStall.ServerEndpointOf"/>'s answer).</summary>
    public ReachabilityWatch(
        IPEndPoint endpoint,
        TimeProvider time,
        TimeSpan? interval = null,
        TimeSpan? timeout = null,
        Func<IPEndPoint, TimeSpan, CancellationToken, Task<ReachabilityOutcome>>? check = null,
        int maxInFlight = DefaultMaxInFlight)
        : this(_ => ValueTask.FromResult<IPEndPoint?>(endpoint), time, interval, timeout, check, maxInFlight)
    {
    }

    public TimeSpan Interval { get; }

    /// <summary>Attempts open at the same time, at most.</summary>
    public int MaxInFlight { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The most recent attempt to finish, for status and logs ("waiting for the server:
    /// 10.0.0.5:22: no answer within 1s"); null before the first one finished.</summary>
    public ReachabilityOutcome? LastOutcome => Volatile.Read(ref _lastOutcome);

    /// <summary>Attempts started so far, over every wait.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Attempts open right now (at most <see cref="MaxInFlight"/>, shared by concurrent waits).</summary>
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

    /// <summary>One attempt: resolve, check, record; never throws.</summary>
    private async Task AttemptAsync(TaskCompletionSource<ReachabilityOutcome> answered, CancellationToken stop)
    {
        IPEndPoint? endpoint = null;
        try
        {
            using var timeoutSource = new CancellationTokenSource(Timeout, _time);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, timeoutSource.Token);
            ReachabilityOutcome outcome;
            try
            {
                endpoint = await _resolve(attempt.Token).ConfigureAwait(false);
                outcome = endpoint is null
                    ? ReachabilityOutcome.UnreachableAt(null, null, "no address to check")
                    : await _check(endpoint, Timeout, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the watch is over; nobody wants this outcome
            }
            catch (OperationCanceledException)
            {
                outcome = endpoint is null
                    ? ReachabilityOutcome.UnreachableAt(null, null, $"no address to check within {Timeout.TotalMilliseconds:0}ms")
                    : ReachabilityOutcome.TimedOutAt(endpoint, Timeout);
            }
            catch (Exception e)
            {
                // A resolver failing is expected (DNS down during an outage); a check that throws
                // is a bug in the check, but the watch goes on either way.
                outcome = ReachabilityOutcome.UnreachableAt(endpoint, null, e.Message.ReplaceLineEndings(" "));
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
