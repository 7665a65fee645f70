using System.Net.NetworkInformation;

namespace SshKeep.Health;

/// <summary>Debounced; newest unread kept (docs/reachability.md, "Network changes"). Dispose unhooks static events.</summary>
internal sealed class NetworkChangeSource : IDisposable
{
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly TimeSpan _quietPeriod;

    /// <summary>The longest a notice waits for a burst to end: a flapping link still gets notices.</summary>
    private readonly TimeSpan _maxDelay;
    private readonly Channel<NetworkChangeNotice> _notices =
        Channel.CreateBounded<NetworkChangeNotice>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private Action? _unsubscribe;
    private long? _burstStarted;
    private int _burstEvents;
    private bool? _burstAvailable;
    private bool _disposed;

    /// <param name="subscribe">Hooks the raw events to this source; returns how to unhook them.</param>
    internal NetworkChangeSource(TimeProvider time, TimeSpan quietPeriod, Func<NetworkChangeSource, Action> subscribe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quietPeriod, TimeSpan.Zero);
        _time = time;
        _quietPeriod = quietPeriod;
        _maxDelay = quietPeriod * 4;
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            _unsubscribe = subscribe(this);
        }
        catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException or InvalidOperationException)
        {
            // No netlink here (a sandbox): the daemon runs on without network notices and says so.
            Problem = $"network changes are not watched: {e.Message.ReplaceLineEndings(" ")}";
        }
    }

    public static NetworkChangeSource Start(TimeProvider time, TimeSpan? quietPeriod = null) =>
        new(time, quietPeriod ?? DefaultQuietPeriod, SubscribeToNetworkChange);

    /// <summary>One notice per burst of changes; completes when the source is disposed.</summary>
    public ChannelReader<NetworkChangeNotice> Changes => _notices.Reader;

    /// <summary>Why the source gives no notices (the subscription failed), for one warning; null when it works.</summary>
    public string? Problem { get; }

    internal void OnAddressChanged() => Record(available: null);

    internal void OnAvailabilityChanged(bool available) => Record(available);

    public void Dispose()
    {
        Action? unsubscribe;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            unsubscribe = _unsubscribe;
            _unsubscribe = null;
        }
        unsubscribe?.Invoke();
        _timer.Dispose();
        _notices.Writer.TryComplete();
    }

    private void Record(bool? available)
    {
        lock (_gate)
        {
            if (_disposed) return;
            var now = _time.GetTimestamp();
            _burstStarted ??= now;
            _burstEvents++;
            if (available is not null) _burstAvailable = available;
            // Wait for quiet, but not past the burst's deadline.
            var untilDeadline = _maxDelay - _time.GetElapsedTime(_burstStarted.Value, now);
            var due = untilDeadline < _quietPeriod ? untilDeadline : _quietPeriod;
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        NetworkChangeNotice notice;
        lock (_gate)
        {
            if (_disposed || _burstStarted is null) return;
            notice = new NetworkChangeNotice(_time.GetUtcNow(), _burstEvents, _burstAvailable);
            _burstStarted = null;
            _burstEvents = 0;
            _burstAvailable = null;
        }
        _notices.Writer.TryWrite(notice);
    }

    private static Action SubscribeToNetworkChange(NetworkChangeSource source)
    {
        NetworkAddressChangedEventHandler addressChanged = (_, _) => source.OnAddressChanged();
        NetworkAvailabilityChangedEventHandler availabilityChanged = (_, e) => source.OnAvailabilityChanged(e.IsAvailable);
        NetworkChange.NetworkAddressChanged += addressChanged;
        try
        {
            NetworkChange.NetworkAvailabilityChanged += availabilityChanged;
        }
        catch
        {
            NetworkChange.NetworkAddressChanged -= addressChanged;
            throw;
        }
        return () =>
        {
            NetworkChange.NetworkAvailabilityChanged -= availabilityChanged;
            NetworkChange.NetworkAddressChanged -= addressChanged;
        };
    }
}
