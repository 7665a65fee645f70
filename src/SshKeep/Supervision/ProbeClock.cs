namespace SshKeep.Supervision;

/// <summary>One timer for the waits between probe rounds of every tunnel (docs/probes.md, "Rounds share wake-ups"),
/// armed only for the earliest wait. A cancelled wait leaves its entry until its due time, so the queue holds at
/// most one entry per wait begun in the last interval.</summary>
internal sealed class ProbeClock : IDisposable
{
    public static readonly TimeSpan Grain = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan CoarseFrom = TimeSpan.FromSeconds(2);

    /// <summary>How far past a boundary a due time may be and still end on it (early by this at most).</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Waiter, long> _waits = new();
    private long _armedFor = long.MaxValue;
    private bool _disposed;

    public ProbeClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _timer = timeProvider.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public Task WaitAsync(TimeSpan delay, bool onGrain, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (delay <= TimeSpan.Zero) return Task.CompletedTask;
        var now = _time.GetUtcNow().UtcTicks;
        var due = onGrain && delay >= CoarseFrom ? OnGrain(now + delay.Ticks) : now + delay.Ticks;
        var wait = new Waiter();
        if (cancellationToken.CanBeCanceled)
            wait.Registration = cancellationToken.Register(static (state, token) => ((Waiter)state!).Done.TrySetCanceled(token), wait);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _waits.Enqueue(wait, due);
            if (due < _armedFor) Arm(due, now);
        }
        return wait.Done.Task;
    }

    public void Dispose()
    {
        List<Waiter> abandoned = [];
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            while (_waits.TryDequeue(out var wait, out _)) abandoned.Add(wait);
        }
        _timer.Dispose();
        foreach (var wait in abandoned) wait.Complete(canceled: true);
    }

    private static long OnGrain(long ticks)
    {
        var from = ticks - Slack.Ticks;
        return (from + Grain.Ticks - 1) / Grain.Ticks * Grain.Ticks;
    }

    /// <summary>Under the lock.</summary>
    private void Arm(long due, long now)
    {
        _armedFor = due;
        _timer.Change(TimeSpan.FromTicks(Math.Max(0, due - now)), Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        List<Waiter>? due = null;
        lock (_gate)
        {
            if (_disposed) return;
            var now = _time.GetUtcNow().UtcTicks;
            while (_waits.TryPeek(out var wait, out var at) && at <= now)
            {
                _waits.Dequeue();
                (due ??= []).Add(wait);
            }
            _armedFor = long.MaxValue;
            if (_waits.TryPeek(out _, out var next)) Arm(next, now);
        }
        if (due is null) return;
        foreach (var wait in due) wait.Complete(canceled: false);
    }

    private sealed class Waiter
    {
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration;

        public void Complete(bool canceled)
        {
            Registration.Dispose();
            if (canceled) Done.TrySetCanceled();
            else Done.TrySetResult();
        }
    }
}
