namespace SshKeep.Health;

/// <summary>An attempt every <see cref="Interval"/> while earlier ones still wait (docs/reachability.md, "How often").</summary>
internal sealed class ReachabilityWatch
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>With a 100 ms interval and a 1 s timeout, ten keep the cadence while every SYN is dropped.</summary>
    public const int DefaultMaxInFlight = 10;

    private readonly IPEndPoint _endpoint;
    private readonly Func<IPEndPoint, TimeSpan, CancellationToken, Task<ReachabilityOutcome>> _check;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _timeout;
    private readonly int _maxInFlight;
    private int _inFlight;

    public ReachabilityWatch(IPEndPoint endpoint, TimeProvider time, Func<IPEndPoint, TimeSpan, CancellationToken, Task<ReachabilityOutcome>> check,
        TimeSpan? interval = null, TimeSpan? timeout = null, int maxInFlight = DefaultMaxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _maxInFlight = maxInFlight;
        _interval = interval ?? DefaultInterval;
        _timeout = timeout ?? ServerReachability.CheckTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_interval, TimeSpan.Zero, nameof(interval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_timeout, TimeSpan.Zero, nameof(timeout));
        _endpoint = endpoint;
        _time = time;
        _check = check;
    }

    public async Task<ReachabilityOutcome> WaitUntilAnswersAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answered = new TaskCompletionSource<ReachabilityOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Volatile.Read(ref _inFlight) < _maxInFlight)
                {
                    Interlocked.Increment(ref _inFlight);
                    _ = AttemptAsync(answered, stop.Token);
                }
                var tick = Task.Delay(_interval, _time, stop.Token);
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

    private async Task AttemptAsync(TaskCompletionSource<ReachabilityOutcome> answered, CancellationToken stop)
    {
        using var timeoutSource = new CancellationTokenSource(_timeout, _time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, timeoutSource.Token);
        try
        {
            var outcome = await _check(_endpoint, _timeout, attempt.Token).ConfigureAwait(false);
            if (outcome.Answered) answered.TrySetResult(outcome);
        }
        catch (Exception)
        {
            // Timed out, abandoned, or a check that throws (a bug in the check): no answer, and the watch goes on.
        }
        finally
        {
            // Here, before the timeout's timer is disposed: once that timer is gone, the place is free.
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
