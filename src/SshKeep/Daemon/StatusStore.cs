using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>
/// The daemon's current status, written to status.json (<see cref="StatusFile"/>) on every change
/// by its one caller, the daemon's status writer, with the newest state of its fold of the
/// transitions (<see cref="StatusFold"/>), so a write never goes back. A failed write (a full
/// tmpfs, a removed directory) never reaches the caller: the tunnels matter more than the file; it
/// is logged once per run of failures. Create it only while holding the <see cref="InstanceLock"/>
/// (the file name is then certainly ours); Dispose removes the file.
/// </summary>
internal sealed class StatusStore : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private StatusSnapshot _snapshot;
    private bool _writeFailing;
    private bool _disposed;

    private StatusStore(string path, StatusSnapshot initial, TimeProvider time, ILogger logger)
    {
        Path = path;
        _snapshot = initial;
        _time = time;
        _logger = logger;
    }

    /// <summary>status.json's path.</summary>
    public string Path { get; }

    /// <summary>The current snapshot (what status.json holds, unless the last write failed).</summary>
    public StatusSnapshot Snapshot
    {
        get { lock (_gate) return _snapshot; }
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

    /// <summary>Replaces the whole list, in the file's order; nothing is written when it is the
    /// same as before. Names must be unique.</summary>
    public void SetAll(IReadOnlyList<TunnelStatus> tunnels)
    {
        ArgumentNullException.ThrowIfNull(tunnels);
        if (tunnels.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != tunnels.Count)
            throw new ArgumentException("Tunnel names must be unique.", nameof(tunnels));
        lock (_gate)
        {
            if (_disposed || _snapshot.Tunnels.SequenceEqual(tunnels)) return;
            _snapshot = _snapshot with { UpdatedAt = _time.GetUtcNow(), Tunnels = [.. tunnels] };
            WriteCurrent();
        }
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

    private void WriteCurrent()
    {
        try
        {
            StatusFile.Write(Path, _snapshot);
            if (_writeFailing) ControlLog.StatusWriteRecovered(_logger, Path);
            _writeFailing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Log the first failure of a run of them, not one line per transition.
            if (!_writeFailing) ControlLog.StatusWriteFailed(_logger, e.Message);
            _writeFailing = true;
        }
    }
}
