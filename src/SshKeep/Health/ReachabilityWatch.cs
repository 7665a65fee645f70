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
    private ReachabilityOutcome? _lastOutcome;
    private int _attempts;
    private int _inFlight;

    public ReachabilityWatch(IPEndPoint endpoint, TimeProvider time, TimeSpan? interval = null, TimeSpan? timeout = null,
        Func<IPEndPoint, TimeSpan, CancellationToken, Task<ReachabilityOutcome>>? check = null, int maxInFlight = DefaultMaxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        MaxInFlight = maxInFlight;
        Interval = interval ?? DefaultInterval;
        Timeout = timeout ?? ServerReachability.CheckTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(interval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        _endpoint = endpoint;
        _time = time;
        _check = check ?? new ServerReachability(time).CheckAsync;
    }

    public TimeSpan Interval { get; }

    public int MaxInFlight { get; }

    public TimeSpan Timeout { get; }

    public ReachabilityOutcome? LastOutcome => Volatile.Read(ref _lastOutcome);

    public int Attempts => Volatile.Read(ref _attempts);

    public int InFlight => Volatile.Read(ref _inFlight);

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
