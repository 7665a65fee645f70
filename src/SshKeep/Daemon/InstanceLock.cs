using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>
/// One daemon per config file: an exclusive flock(2) on <c>lock-KEY</c> in the run directory, held
/// for the life of the process, with the holder's pid in the file so a second <c>sshkeep up</c> can
/// say who holds it (docs/daemon.md "Lock"). The kernel drops the lock when the process dies in any
/// way, so a stale file never blocks a new daemon.
/// </summary>
/// <remarks>
/// O_CLOEXEC: an orphaned ssh that inherited the descriptor would keep the lock after we die.
/// Dispose unlinks the file while still holding the lock, so a waiter could lock the old inode
/// after we close; after every flock we therefore check that the path still names the inode we
/// locked, and start over if not (the usual lock-file-with-unlink protocol).
/// </remarks>
internal sealed class InstanceLock : IDisposable
{
    private const int Attempts = 16;
    private const uint OwnerReadWrite = 0x180; // 0600

    private readonly SafeFileHandle _handle;
    private readonly FileStatus _identity;
    private int _released;

    private InstanceLock(string path, SafeFileHandle handle, FileStatus identity)
    {
        Path = path;
        _handle = handle;
        _identity = identity;
    }

    public string Path { get; }

    /// <summary>False once disposed.</summary>
    public bool IsHeld => Volatile.Read(ref _released) == 0;

    /// <summary>Takes the lock without waiting. On success the lock file holds our pid; otherwise
    /// <paramref name="refusal"/> says who holds it or what failed.</summary>
    public static bool TryAcquire(string path, [NotNullWhen(true)] out InstanceLock? held, [NotNullWhen(false)] out Refusal? refusal) =>
        TryAcquire(path, Environment.ProcessId, out held, out refusal);

    internal static bool TryAcquire(string path, int pid, [NotNullWhen(true)] out InstanceLock? held, [NotNullWhen(false)] out Refusal? refusal)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            int fd = LibC.open(path, LibC.O_CREAT | LibC.O_RDWR | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, OwnerReadWrite);
            if (fd < 0)
            {
                (held, refusal) = (null, new Refusal(path, null, LibC.StrError(Marshal.GetLastPInvokeError())));
                return false;
            }
            var handle = new SafeFileHandle(fd, ownsHandle: true);
            (held, refusal) = Lock(path, pid, handle);
            if (held is not null) return true;
            handle.Dispose();
            if (refusal is not null) return false;
        }
        (held, refusal) = (null, new Refusal(path, null, "the lock file kept being replaced while we tried to lock it"));
        return false;
    }

    /// <summary>Locks the file <paramref name="handle"/> opened: the lock, or why not, or neither when
    /// the attempt must be repeated (the caller disposes the handle unless it is locked).</summary>
    private static (InstanceLock? Held, Refusal? Refusal) Lock(string path, int pid, SafeFileHandle handle)
    {
        if (LibC.flock(handle, LibC.LOCK_EX | LibC.LOCK_NB) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR) return (null, null);
            return (null, errno == LibC.EAGAIN /* EWOULDBLOCK */
                ? new Refusal(path, ReadPid(handle), null)
                : new Refusal(path, null, LibC.StrError(errno)));
        }
        if (!FileStatus.TryGet(handle, out var locked, out int statErrno)) return (null, new Refusal(path, null, LibC.StrError(statErrno)));
        // The previous holder unlinked the file between our open and our flock: what we
        // locked is no longer the lock. Try again with whatever the path names now.
        if (!FileStatus.TryGet(path, out var named, out _) || !named.SameFileAs(locked)) return (null, null);
        if (!locked.IsRegularFile) return (null, new Refusal(path, null, "not a regular file"));
        if (!TryWritePid(handle, pid, out string? writeError))
        {
            LibC.unlink(path);
            return (null, new Refusal(path, null, writeError));
        }
        return (new InstanceLock(path, handle, locked), null);
    }

    /// <summary>Removes the lock file and releases the lock (once; later calls do nothing).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        // Unlink first, while we still hold the lock, and only if the path still names our file.
        if (FileStatus.TryGet(Path, out var named, out _) && named.SameFileAs(_identity)) LibC.unlink(Path);
        _handle.Dispose();
    }

    private static bool TryWritePid(SafeFileHandle handle, int pid, [NotNullWhen(false)] out string? error)
    {
        // A file left by an earlier daemon (killed before it could unlink) may have other
        // permissions or a longer pid: make it ours, empty, then write.
        if (LibC.fchmod(handle, OwnerReadWrite) != 0 || LibC.ftruncate(handle, 0) != 0)
        {
            error = LibC.StrError(Marshal.GetLastPInvokeError());
            return false;
        }
        try
        {
            RandomAccess.Write(handle, Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n"), 0);
        }
        catch (IOException e)
        {
            error = e.Message;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The pid written in a lock file (whether or not that process still holds it), or null;
    /// not File.ReadAllText, whose shared flock fails while the daemon holds its exclusive one.</summary>
    public static int? ReadPid(string path)
    {
        int fd = LibC.open(path, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (fd < 0) return null;
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        return ReadPid(handle);
    }

    /// <summary>The holder's pid from the lock file, or null if it is not (yet) a positive number.</summary>
    private static int? ReadPid(SafeFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[32];
        int read;
        try
        {
            read = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return null;
        }
        return ParsePid(Encoding.ASCII.GetString(buffer[..read]));
    }

    /// <summary>"1234\n" → 1234; anything that is not one positive decimal number → null.</summary>
    internal static int? ParsePid(string content) =>
        int.TryParse(content.AsSpan().TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;

    /// <summary>Why <see cref="TryAcquire(string, out InstanceLock?, out Refusal?)"/> did not get the
    /// lock: another process holds it (<paramref name="HolderPid"/> when the file says; null while
    /// the holder is between taking the lock and writing its pid), or an <paramref name="Error"/>.</summary>
    internal sealed record Refusal(string LockPath, int? HolderPid, string? Error)
    {
        /// <summary>Another process holds the lock: a daemon already runs for this config file.</summary>
        public bool HeldByAnother => Error is null;

        /// <summary>The line for the user, without the program-name prefix, e.g.
        /// <c>another sshkeep (pid 1234) already runs tunnels.yaml</c>.</summary>
        /// <param name="config">The config file as the user named it.</param>
        public string Describe(string config) => (HeldByAnother, HolderPid) switch
        {
            (true, int pid) => $"another sshkeep (pid {pid}) already runs {config}",
            (true, null) => $"another sshkeep already runs {config} (lock file {LockPath})",
            _ => $"cannot lock \"{LockPath}\": {Error}",
        };
    }
}
