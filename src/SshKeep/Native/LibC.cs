namespace SshKeep.Native;

/// <summary>The few libc calls sshkeep needs (glibc ≥ 2.29). Constants are the Linux values (x86_64 and aarch64 agree).</summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    // errno values. Signal numbers: SignalNumbers, the one table of them.
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int ENOTDIR = 20;
    internal const int ECONNREFUSED = 111;

    // open(2) flags.
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_TRUNC = 0x200;
    internal const int O_APPEND = 0x400;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int O_CLOEXEC = 0x80000;

    // waitpid(2) options.
    internal const int WNOHANG = 1;
    internal const int WUNTRACED = 2;
    internal const int WCONTINUED = 8;

    // posix_spawnattr_setflags(3) flags (glibc spawn.h).
    internal const short POSIX_SPAWN_SETPGROUP = 0x02;
    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;
    internal const short POSIX_SPAWN_SETSID = 0x80; // glibc ≥ 2.26

    /// <summary>Generous bounds for opaque glibc types (x86_64: 336, 80, 128 bytes): only pointers to them are passed.</summary>
    internal const int SpawnAttrSize = 1024;
    internal const int FileActionsSize = 512;
    internal const int SigSetSize = 256;

    // posix_spawn family: these return an error number instead of setting errno.
    [LibraryImport(Lib, EntryPoint = "posix_spawn")]
    internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib, EntryPoint = "posix_spawnp")]
    internal static partial int posix_spawnp(int* pid, byte* file, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_init")]
    internal static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_destroy")]
    internal static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setflags")]
    internal static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigmask")]
    internal static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setpgroup")]
    internal static partial int posix_spawnattr_setpgroup(void* attr, int pgroup);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_init")]
    internal static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addopen")]
    internal static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int oflag, uint mode);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    internal static partial int posix_spawn_file_actions_addchdir_np(void* actions, byte* path);

    [LibraryImport(Lib, EntryPoint = "sigemptyset")]
    internal static partial int sigemptyset(void* set);

    /// <summary>Leaves out glibc's internal signals: as a "set to default" mask it never touches threading.</summary>
    [LibraryImport(Lib, EntryPoint = "sigfillset")]
    internal static partial int sigfillset(void* set);

    /// <summary>Only to read a disposition or set SIG_DFL: a zeroed buffer over glibc's 152 bytes, the handler first.</summary>
    [LibraryImport(Lib, EntryPoint = "sigaction", SetLastError = true)]
    internal static partial int sigaction(int signal, void* action, void* oldAction);

    internal const int SigActionBufferSize = 256;
    internal const nint SIG_DFL = 0;
    internal const nint SIG_IGN = 1;

    internal const int PR_SET_NAME = 15;

    /// <summary>prctl(2) is variadic; PR_SET_NAME takes one pointer argument.</summary>
    [LibraryImport(Lib, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int prctl(int option, byte* name, nuint unused3, nuint unused4, nuint unused5);

    [LibraryImport(Lib, EntryPoint = "gettid")]
    internal static partial int gettid();

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    [LibraryImport(Lib, EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    internal const int X_OK = 1;
    internal const int EACCES = 13;

    [LibraryImport(Lib, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int access(string path, int mode);

    // waitid(2): idtype, the options beyond waitpid's, and siginfo_t's si_code values for SIGCHLD.
    internal const int P_PID = 1;
    internal const int WSTOPPED = 2;
    internal const int WEXITED = 4;
    internal const int WNOWAIT = 0x01000000;
    internal const int CLD_EXITED = 1;
    internal const int CLD_STOPPED = 5;

    /// <summary>For SIGCHLD on 64-bit: si_code at 8, si_pid at 16, si_status at 24.</summary>
    internal const int SigInfoSize = 128;

    [LibraryImport(Lib, EntryPoint = "waitid", SetLastError = true)]
    internal static partial int waitid(int idType, int id, byte* info, int options);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int close(int fd);

    public const int F_SETFD = 2;
    public const int FD_CLOEXEC = 1;

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fcntl(int fd, int command, int argument);

    // glibc ≥ 2.36 (Debian 12); callers treat an older libc's EntryPointNotFoundException as "not available".
    [LibraryImport(Lib, EntryPoint = "pidfd_open", SetLastError = true)]
    internal static partial int pidfd_open(int pid, uint flags);

    [LibraryImport(Lib, EntryPoint = "pidfd_getfd", SetLastError = true)]
    internal static partial int pidfd_getfd(int pidfd, int targetFd, uint flags);

    internal const int SO_LINGER = 13;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Linger
    {
        public int OnOff;
        public int Seconds;
    }

    [LibraryImport(Lib, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int setsockopt(int fd, int level, int name, Linger* value, uint length);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    internal static partial nint write(SafeFileHandle fd, byte* buffer, nint count);

    /// <summary>Variadic: a fixed third int is what x86_64 and aarch64 expect.</summary>
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlink(string path);

    internal static string StrError(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    // flock(2) operations.
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

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

    // SO_PEERCRED, read with Socket.GetRawSocketOption.
    internal const int SOL_SOCKET = 1;
    internal const int SO_PEERCRED = 17;

    /// <summary>statx, not stat: the same layout on every architecture.</summary>
    internal const int StatxSize = 256;

    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    internal static partial int flock(SafeFileHandle fd, int operation);

    [LibraryImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int fsync(SafeFileHandle fd);

    /// <summary>A file, or a socket before bind(2): Linux creates the socket file with this mode (less the umask), not 0777.</summary>
    [LibraryImport(Lib, EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int fchmod(SafeHandle fd, uint mode);

    [LibraryImport(Lib, EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int ftruncate(SafeFileHandle fd, long length);

    [LibraryImport(Lib, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rename(string oldPath, string newPath);

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    internal static partial uint geteuid();

    /// <summary>0 when there is no such user.</summary>
    [LibraryImport(Lib, EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint getpwnam(string name);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(SafeFileHandle dirFd, string path, int flags, uint mask, byte* buffer);

    /// <summary>realpath(3) with a null buffer: glibc allocates the result, released with <see cref="free"/>.</summary>
    [LibraryImport(Lib, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint realpath(string path, nint resolved);

    [LibraryImport(Lib, EntryPoint = "free")]
    internal static partial void free(nint pointer);

    // socket(2) domain and type (Linux; SOCK_CLOEXEC is O_CLOEXEC).
    internal const int AF_UNIX = 1;
    internal const int SOCK_STREAM = 1;
    internal const int SOCK_CLOEXEC = 0x80000;

    // sendmsg(2), to hand a socket to ssh's ControlMaster as OpenSSH's own mux client does (mm_send_fd).
    internal const int SCM_RIGHTS = 1;
    internal const int MSG_NOSIGNAL = 0x4000;

    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr (64-bit; sequential layout pads NameLength as glibc does).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>CMSG_SPACE(sizeof(int)) on 64-bit: a 16-byte header, the fd, padding.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CmsgOneFd
    {
        public nuint Length;
        public int Level;
        public int Type;
        public int Fd;
        private int _padding;

        /// <summary>CMSG_LEN(sizeof(int)): header plus the fd, without the trailing padding.</summary>
        public static nuint DataLength => (nuint)(sizeof(nuint) + 2 * sizeof(int) + sizeof(int));
    }

    [LibraryImport(Lib, EntryPoint = "socketpair", SetLastError = true)]
    internal static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Lib, EntryPoint = "sendmsg", SetLastError = true)]
    internal static partial nint sendmsg(System.Net.Sockets.SafeSocketHandle socket, MsgHdr* message, int flags);

    internal const int CLOCK_MONOTONIC = 1;

    [LibraryImport(Lib, EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clockId, long* timespec);

    /// <summary>clock_gettime(2) into a struct timespec (tv_sec, tv_nsec: two longs on 64-bit Linux).</summary>
    internal static int ClockGetTime(int clockId, Span<long> timespec)
    {
        fixed (long* p = timespec) return clock_gettime(clockId, p);
    }
}
