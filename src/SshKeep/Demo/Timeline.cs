namespace SshKeep.Demo;

/// <summary>Things observed by a background watcher (log lines, probe results), in order, each with the
/// TimeProvider timestamp at which it was seen, so the demo can ask "the first X after the fault".</summary>
internal sealed class Timeline<T>(TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly List<(long At, T Item)> _items = [];

    public void Add(long at, T item)
    {
        lock (_items) _items.Add((at, item));
    }

    public IReadOnlyList<(long At, T Item)> Snapshot()
    {
        lock (_items) return [.. _items];
    }

    /// <summary>The first match seen at or after <paramref name="after"/>; null when none came in time.</summary>
    public async Task<(long At, T Item)?> WaitForAsync(
        long after, Func<T, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            lock (_items)
            {
                var found = _items.FindIndex(entry => entry.At >= after && match(entry.Item));
                if (found >= 0) return _items[found];
            }
            if (time.GetElapsedTime(started) > timeout) return null;
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
