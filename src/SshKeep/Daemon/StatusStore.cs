using SshKeep.Native;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>status.json (docs/daemon.md "status.json"). A failed write (a full tmpfs, a removed directory) never
/// reaches the caller: the tunnels matter more than the file. Create it only while holding the
/// <see cref="InstanceLock"/> (the file name is then certainly ours).</summary>
internal sealed class StatusStore : IDisposable
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly object _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private StatusSnapshot _snapshot;
    private bool _writeFailing;
    private bool _disposed;

    private StatusStore(string path, StatusSnapshot initial, TimeProvider time, ILogger logger)
    {
        _path = path;
        _snapshot = initial;
        _time = time;
        _logger = logger;
    }

    public StatusSnapshot Snapshot
    {
        get { lock (_gate) return _snapshot; }
    }

    /// <summary>A failure is returned here: a daemon that cannot write its status at start should not start.</summary>
    public static bool TryCreate(string path, DaemonInfo daemon, TimeProvider time, ILogger logger,
        [NotNullWhen(true)] out StatusStore? store, [NotNullWhen(false)] out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(daemon);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var initial = new StatusSnapshot { Daemon = daemon, UpdatedAt = time.GetUtcNow(), Tunnels = [] };
        RemoveLeftovers(path);
        try
        {
            Write(path, initial);
        }
        catch (IOException e)
        {
            (store, error) = (null, e.Message);
            return false;
        }
        (store, error) = (new StatusStore(path, initial, time, logger), null);
        return true;
    }

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

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            LibC.unlink(_path); // fails only when the directory went away, or was never writable: nothing left to clean
        }
    }

    private void WriteCurrent()
    {
        try
        {
            Write(_path, _snapshot);
            if (_writeFailing) ControlLog.StatusWriteRecovered(_logger, _path);
            _writeFailing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_writeFailing) ControlLog.StatusWriteFailed(_logger, e.Message);
            _writeFailing = true;
        }
    }

    /// <summary>Throws <see cref="IOException"/> saying what failed; the old file is then left as it was.</summary>
    private static void Write(string path, StatusSnapshot snapshot)
    {
        byte[] content = DaemonJsonContext.ToUtf8(snapshot, DaemonJsonContext.Default.StatusSnapshot, indented: true);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Not RandomNumberGenerator, which loads OpenSSL (5 MB resident): O_EXCL refuses a clash anyway,
        // O_NOFOLLOW a planted link.
        Span<byte> nonce = stackalloc byte[8];
        Random.Shared.NextBytes(nonce);
        string temporary = Path.Join(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(nonce)}.tmp");
        int fd = LibC.open(temporary, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, (uint)Mode);
        if (fd < 0) throw Failure(path, "cannot create a temporary file", Marshal.GetLastPInvokeError());
        bool renamed = false;
        try
        {
            using (var handle = new SafeFileHandle(fd, ownsHandle: true))
            {
                // The umask may have taken bits away.
                if (LibC.fchmod(handle, (uint)Mode) != 0) throw Failure(path, "fchmod", Marshal.GetLastPInvokeError());
                RandomAccess.Write(handle, content, 0);
                if (LibC.fsync(handle) != 0) throw Failure(path, "fsync", Marshal.GetLastPInvokeError());
            }
            if (LibC.rename(temporary, path) != 0) throw Failure(path, "rename", Marshal.GetLastPInvokeError());
            renamed = true;
        }
        finally
        {
            if (!renamed) LibC.unlink(temporary);
        }
    }

    private static void RemoveLeftovers(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        string pattern = "." + Path.GetFileName(path) + ".*.tmp";
        try
        {
            foreach (string leftover in Directory.EnumerateFiles(directory, pattern)) LibC.unlink(leftover);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover costs a few bytes of tmpfs, never correctness.
        }
    }

    private static IOException Failure(string path, string step, int errno) =>
        new($"cannot write \"{path}\": {step}: {LibC.StrError(errno)}");
}
