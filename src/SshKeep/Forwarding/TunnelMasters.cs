namespace SshKeep.Forwarding;

/// <summary>The masters that take new clients now (docs/held-ports.md, "Which session takes a client"). Every change, even
/// back to the same path (a new ssh on it), is a new version: a client handed to a master that died waits for the next.</summary>
internal sealed class TunnelMasters
{
    private readonly Lock _gate = new();
    private string? _active;
    private string? _standby;
    private int _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Hand-offs under way at once: past ssh's control socket backlog of 64 a connect fails (EAGAIN).</summary>
    public SemaphoreSlim Handing { get; } = new(32);

    /// <summary>Null ControlPath: none is up, clients wait. Changed completes at the next change.</summary>
    public (string? ControlPath, int Version, Task Changed) Current
    {
        get
        {
            lock (_gate) return (_active ?? _standby, _version, _changed.Task);
        }
    }

    public void Set(string? controlPath, bool standby)
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
