using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>
/// The daemon's current status: every tunnel's <see cref="TunnelStatus"/> and the daemon's own
/// <see cref="DaemonInfo"/>. Every change that changes something rewrites status.json atomically
/// (<see cref="StatusFile"/>) and then tells <see cref="Changed"/>'s listeners (systemd STATUS=,
/// the web page). Thread-safe: each tunnel's loop calls <see cref="Set"/> from its own thread;
/// changes are applied, written and announced one at a time, in order.
/// </summary>
/// <remarks>
/// A failed write (a full tmpfs, a removed directory) never reaches the caller: the tunnels
/// matter more than the file. It is logged once per run of failures, kept in
/// <see cref="LastWriteError"/>, and the next change tries again. Create the store only while
/// holding the <see cref="InstanceLock"/>: the file name is then certainly ours. Dispose removes
/// the file (dispose the control server first and the lock last).
/// </remarks>
internal sealed class StatusStore : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private StatusSnapshot _snapshot;
    private string? _lastWriteError;
    private bool _disposed;

    private StatusStore(string path, StatusSnapshot initial, TimeProvider time, ILogger logger)
    {
        Path = path;
        _snapshot = initial;
        _time = time;
        _logger = logger;
    }

    /// <summary>Called after each change was written (or failed to be), with the new snapshot,
    /// under the store's lock: listeners must be quick and must not call back into the store.</summary>
    public event Action<StatusSnapshot>? Changed;

    /// <summary>status.json's path.</summary>
    public string Path { get; }

    /// <summary>The current snapshot (what status.json holds, unless the last write failed).</summary>
    public StatusSnapshot Snapshot
    {
        get { lock (_gate) return _snapshot; }
    }

    /// <summary>Why the last write failed; null when it succeeded.</summary>
    public string? LastWriteError
    {
        get { lock (_gate) return _lastWriteError; }
    }

    /// <summary>Writes the first status.json (the daemon and no tunnels yet) and removes temporary
    /// files an earlier, killed daemon left. Here a failure is returned: a daemon that cannot
    /// write its status at start should say so and not start.</summary>
    public static bool TryCreate(string path, DaemonInfo daemon, TimeProvider time, ILogger logger,
        [NotNullWhen(true)] out StatusStore? store, [NotNullWhen(false)] out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(daemon);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var initial = new StatusSnapshot { Daemon = daemon, UpdatedAt = time.GetUtcNow(), Tunnels = [] };
        StatusFile.RemoveLeftovers(path);
        try
        {
            StatusFile.Write(path, initial);
        }
        catch (IOException e)
        {
            (store, error) = (null, e.Message);
            return false;
        }
        (store, error) = (new StatusStore(path, initial, time, logger), null);
        return true;
    }

    /// <summary>Adds the tunnel (at the end) or replaces the one with the same name. Nothing is
    /// written when the status is the same as before.</summary>
    public void Set(TunnelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Change(tunnels =>
        {
            int index = tunnels.FindIndex(t => t.Name == status.Name);
            if (index < 0)
            {
                tunnels.Add(status);
                return true;
            }
            if (tunnels[index] == status) return false;
            tunnels[index] = status;
            return true;
        });
    }

    /// <summary>Replaces the whole list (after a reload: the new file's order). Names must be unique.</summary>
    public void SetAll(IReadOnlyList<TunnelStatus> tunnels)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        if (tunnels.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != tunnels.Count)
            throw new ArgumentException("Tunnel names must be unique.", nameof(tunnels));
        Change(current =>
        {
            if (current.SequenceEqual(tunnels)) return false;
            current.Clear();
            current.AddRange(tunnels);
            return true;
        });
    }

    /// <summary>Removes a tunnel (it left the config file); false if there was none of that name.</summary>
    public bool Remove(string name)
    {
        bool removed = false;
        Change(tunnels => removed = tunnels.RemoveAll(t => t.Name == name) > 0);
        return removed;
    }

    /// <summary>Removes status.json; later changes are ignored.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The directory went away, or was never writable: nothing left to clean.
            }
        }
    }

    private void Change(Func<List<TunnelStatus>, bool> edit)
    {
        lock (_gate)
        {
            if (_disposed) return;
            var tunnels = _snapshot.Tunnels.ToList();
            if (!edit(tunnels)) return;
            _snapshot = _snapshot with { UpdatedAt = _time.GetUtcNow(), Tunnels = tunnels.AsReadOnly() };
            WriteCurrent();
            try
            {
                Changed?.Invoke(_snapshot);
            }
            catch (Exception e)
            {
                ControlLog.StatusListenerFailed(_logger, e);
            }
        }
    }

    private void WriteCurrent()
    {
        try
        {
            StatusFile.Write(Path, _snapshot);
            if (_lastWriteError is not null) ControlLog.StatusWriteRecovered(_logger, Path);
            _lastWriteError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Log the first failure of a run of them, not one line per transition.
            if (_lastWriteError is null) ControlLog.StatusWriteFailed(_logger, e.Message);
            _lastWriteError = e.Message;
        }
    }
}
