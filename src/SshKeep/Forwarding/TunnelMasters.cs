namespace SshKeep.Forwarding;

/// <summary>
/// The control sockets of one tunnel's ssh masters that take new clients now: the active session's while
/// the tunnel is up, else the warm standby's (docs/held-ports.md). The daemon sets them from the tunnel's
/// transitions; its held ports read them. Every change, even back to the same path (a new ssh on the
/// tunnel's one control path), is a new version, so a client handed to a master that died waits for the next.
/// </summary>
internal sealed class TunnelMasters
{
    private readonly Lock _gate = new();
    private string? _active;
    private string? _standby;
    private int _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Hand-offs under way at once, at most: ssh listens on its control socket with a backlog of 64, and a
    /// connect past it fails at once (EAGAIN), so a crowd of waiting clients let go together would mostly fail.</summary>
    public SemaphoreSlim Handing { get; } = new(32);

    /// <summary>Where a new client goes (null: none is up, clients wait), the version that answer belongs
    /// to, and a task that completes at the next change.</summary>
    public (string? ControlPath, int Version, Task Changed) Current
    {
        get
        {
            lock (_gate) return (_active ?? _standby, _version, _changed.Task);
        }
    }

    public void SetActive(string? controlPath) => Set(controlPath, standby: false);

    public void SetStandby(string? controlPath) => Set(controlPath, standby: true);

    private void Set(string? controlPath, bool standby)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if ((standby ? _standby : _active) is null && controlPath is null) return;
            if (standby) _standby = controlPath;
            else _active = controlPath;
            _version++;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }
}
