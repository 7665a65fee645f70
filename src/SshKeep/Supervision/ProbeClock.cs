namespace SshKeep.Supervision;

/// <summary>
/// One timer for the waits between probe rounds of every tunnel of a daemon (issue 6 item 4: an
/// idle daemon with many tunnels). A <c>Task.Delay</c> per tunnel and round wakes the runtime's
/// timer thread, and a pool thread after it, once per round: 20 times a second at 100 tunnels
/// probed every 5 s. Here a wait's due time is rounded up to a <see cref="Grain"/> boundary, so
/// the rounds due within one grain share one wake-up, and the timer is armed only for the earliest
/// one: at most 1 / <see cref="Grain"/> wake-ups a second however many tunnels there are, and one
/// per round with a single tunnel (never a tick when nothing is due).
/// </summary>
/// <remarks>
/// A round starts up to one grain (0.25 s) late; the probe schedule is about seconds. A cancelled
/// wait completes at once and leaves its entry until its due time, so the queue holds at most one
/// entry per wait begun in the last interval.
/// </remarks>
public sealed class ProbeClock : IDisposable
{
    /// <summary>Due times are rounded up to a multiple of this.</summary>
    public static readonly TimeSpan Grain = TimeSpan.FromMilliseconds(250);

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

    /// <summary>Waits entries, cancelled ones included (tests).</summary>
    internal int Pending { get { lock (_gate) return _waits.Count; } }

    /// <summary>
    /// Completes <paramref name="delay"/> from now, rounded up to the next <see cref="Grain"/>
    /// boundary; at once for a delay of zero or less. Cancelling throws
    /// <see cref="OperationCanceledException"/> at once.
    /// </summary>
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (delay <= TimeSpan.Zero) return Task.CompletedTask;
        var now = _time.GetUtcNow().UtcTicks;
        var due = RoundUp(now + delay.Ticks);
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

    private static long RoundUp(long ticks) => (ticks + Grain.Ticks - 1) / Grain.Ticks * Grain.Ticks;

    /// <summary>Under the lock: the timer fires at <paramref name="due"/>.</summary>
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

    /// <summary>One wait: its task, and its registration on the waiter's token (dropped when it ends).</summary>
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
