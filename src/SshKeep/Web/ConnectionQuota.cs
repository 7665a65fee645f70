namespace SshKeep.Web;

/// <summary>HTTP connections open at once (docs/observability.md "Who may use the page"). Thread-safe.</summary>
internal sealed class ConnectionQuota(int perPeer = 8, int allOthers = 32)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _others;

    /// <summary>Null when the connection may stay (and is counted until <see cref="Release"/>), else why it is closed.</summary>
    public string? TryAdmit(string key, bool trusted)
    {
        if (trusted) return null;
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(key);
            if (open >= perPeer) return $"{key} already has {open} connections open, the most for anyone but the daemon's own uid and root";
            if (_others >= allOthers) return $"{_others} connections of other users are open, the most at once";
            _open[key] = open + 1;
            _others++;
            return null;
        }
    }

    public void Release(string key, bool trusted)
    {
        if (trusted) return;
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(key);
            if (open <= 1) _open.Remove(key);
            else _open[key] = open - 1;
            _others--;
        }
    }
}
