namespace SshKeep.Tests.Health;

/// <summary>Forwards to a manual timer and reports every re-arming to its provider.</summary>
internal sealed class RecordingTimer(TimerRecordingTimeProvider owner, ITimer inner) : ITimer
{
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        owner.Record(dueTime);
        return inner.Change(dueTime, period);
    }

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
