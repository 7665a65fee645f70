using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SshKeep.Ssh;

/// <summary>
/// Daemon mode's part of <see cref="LibC"/> (the instance lock, the status file, the run
/// directory's ownership check). It is the same partial class, so LibC stays the one place for
/// libc calls; it lives in its own file so the daemon branch and the others can add imports
/// without editing the same lines. Peer credentials need no import: .NET's
/// <c>Socket.GetRawSocketOption</c> reads SO_PEERCRED.
/// </summary>
internal static unsafe partial class LibC
{
    // errno values (Linux).
    internal const int ENOENT = 2;
    internal const int EACCES = 13;
    internal const int EEXIST = 17;
    internal const int ENOTDIR = 20;
    internal const int ELOOP = 40;

    // open(2) flags (Linux) not in LibC.cs.
    internal const int O_RDONLY = 0x0;
    internal const int O_EXCL = 0x80;
    internal const int O_DIRECTORY = 0x10000;

    // flock(2) operations.
    internal const int LOCK_SH = 1;
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;
    internal const int LOCK_UN = 8;

    // statx(2): flags and the mode's file-type bits (Linux).
    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const int AT_EMPTY_PATH = 0x1000;
    internal const uint STATX_BASIC_STATS = 0x7ff;
    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFSOCK = 0xC000;
    internal const uint S_IFLNK = 0xA000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFDIR = 0x4000;

    // getsockopt(2) for SO_PEERCRED (same on x86_64 and aarch64).
    internal const int SOL_SOCKET = 1;
    internal const int SO_PEERCRED = 17;

    /// <summary>struct statx is 256 bytes with the same layout on every Linux architecture, which is
    /// why it is used instead of struct stat (whose layout differs between x86_64 and aarch64).</summary>
    internal const int StatxSize = 256;

    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    internal static partial int flock(SafeFileHandle fd, int operation);

    [LibraryImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int fsync(SafeFileHandle fd);

    [LibraryImport(Lib, EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int fchmod(SafeFileHandle fd, uint mode);

    [LibraryImport(Lib, EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int ftruncate(SafeFileHandle fd, long length);

    [LibraryImport(Lib, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rename(string oldPath, string newPath);

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    internal static partial uint geteuid();

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(SafeFileHandle dirFd, string path, int flags, uint mask, byte* buffer);

    /// <summary>realpath(3) with a null buffer: glibc allocates the result, released with <see cref="free"/>.</summary>
    [LibraryImport(Lib, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint realpath(string path, nint resolved);

    [LibraryImport(Lib, EntryPoint = "free")]
    internal static partial void free(nint pointer);
}
