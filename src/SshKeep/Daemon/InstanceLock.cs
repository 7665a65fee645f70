using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>One daemon per config file (docs/daemon.md "Lock"). The kernel drops a flock when the process dies
/// in any way, so a stale file never blocks a new daemon.</summary>
/// <remarks>O_CLOEXEC: an orphaned ssh that inherited the descriptor would keep the lock after we die.</remarks>
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

    public bool IsHeld => Volatile.Read(ref _released) == 0;

    public static bool TryAcquire(string path, [NotNullWhen(true)] out InstanceLock? held, [NotNullWhen(false)] out Refusal? refusal)
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
            (held, refusal) = Lock(path, handle);
            if (held is not null) return true;
            handle.Dispose();
            if (refusal is not null) return false;
        }
        (held, refusal) = (null, new Refusal(path, null, "the lock file kept being replaced while we tried to lock it"));
        return false;
    }

    /// <summary>Neither a lock nor a refusal: try again.</summary>
    private static (InstanceLock? Held, Refusal? Refusal) Lock(string path, SafeFileHandle handle)
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
        // The previous holder unlinked the file between our open and our flock: try again with what the path names now.
        if (!FileStatus.TryGet(path, out var named, out _) || !named.SameFileAs(locked)) return (null, null);
        if (!locked.IsRegularFile) return (null, new Refusal(path, null, "not a regular file"));
        if (WritePidProblem(handle, Environment.ProcessId) is { } writeError)
        {
            LibC.unlink(path);
            return (null, new Refusal(path, null, writeError));
        }
        return (new InstanceLock(path, handle, locked), null);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        // Unlink while we still hold the lock; a waiter that then locks the old inode sees the path changed.
        if (FileStatus.TryGet(Path, out var named, out _) && named.SameFileAs(_identity)) LibC.unlink(Path);
        _handle.Dispose();
    }

    /// <summary>Null when written.</summary>
    private static string? WritePidProblem(SafeFileHandle handle, int pid)
    {
        // A file a killed daemon left may have other permissions or a longer pid.
        if (LibC.fchmod(handle, OwnerReadWrite) != 0 || LibC.ftruncate(handle, 0) != 0)
            return LibC.StrError(Marshal.GetLastPInvokeError());
        try
        {
            RandomAccess.Write(handle, Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n"), 0);
            return null;
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    private static int? ReadPid(SafeFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[32];
        try
        {
            return ParsePid(Encoding.ASCII.GetString(buffer[..RandomAccess.Read(handle, buffer, 0)]));
        }
        catch (IOException)
        {
            return null;
        }
    }

    internal static int? ParsePid(string content) =>
        int.TryParse(content.AsSpan().TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;

    /// <summary><paramref name="HolderPid"/> is null while the holder is between taking the lock and writing its pid.</summary>
    internal sealed record Refusal(string LockPath, int? HolderPid, string? Error)
    {
        public bool HeldByAnother => Error is null;

        /// <param name="config">As the user named it.</param>
        public string Describe(string config) => (HeldByAnother, HolderPid) switch
        {
            (true, int pid) => $"another sshkeep (pid {pid}) already runs {config}",
            (true, null) => $"another sshkeep already runs {config} (lock file {LockPath})",
            _ => $"cannot lock \"{LockPath}\": {Error}",
        };
    }
}
