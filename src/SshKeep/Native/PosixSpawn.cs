using System.Collections;

namespace SshKeep.Native;

/// <summary>posix_spawn(3): Process cannot tell SIGKILL from exit 137 nor see a stopped child (spec R61, R68), fork() is
/// unsafe in a threaded runtime; glibc reports an exec failure as the return value, never as a child exiting 127.</summary>
internal static unsafe class PosixSpawn
{
    public static bool TrySpawn(SpawnRequest request, out int pid, out int error)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Argv.Count == 0) throw new ArgumentException("argv must hold at least argv[0].", nameof(request));

        byte* block = (byte*)NativeMemory.AllocZeroed(LibC.SpawnAttrSize + LibC.FileActionsSize + LibC.SigSetSize);
        void* attr = block, actions = block + LibC.SpawnAttrSize;
        void* signals = block + LibC.SpawnAttrSize + LibC.FileActionsSize;
        var allocations = new List<nint> { (nint)block };
        bool attrReady = false, actionsReady = false;
        pid = 0;
        try
        {
            if ((error = LibC.posix_spawnattr_init(attr)) != 0) return false;
            attrReady = true;
            if ((error = LibC.posix_spawn_file_actions_init(actions)) != 0) return false;
            actionsReady = true;

            // Every catchable signal starts at its default action. The .NET runtime ignores SIGPIPE, and an ignored
            // signal stays ignored across exec, so without this ssh would see EPIPE instead of dying quietly when its
            // output goes away. An empty mask undoes whatever the calling runtime thread happened to block.
            short flags = LibC.POSIX_SPAWN_SETSIGDEF | LibC.POSIX_SPAWN_SETSIGMASK;
            LibC.sigfillset(signals);
            if ((error = LibC.posix_spawnattr_setsigdefault(attr, signals)) != 0) return false;
            LibC.sigemptyset(signals);
            if ((error = LibC.posix_spawnattr_setsigmask(attr, signals)) != 0) return false;

            if (request.NewProcessGroup)
            {
                flags |= LibC.POSIX_SPAWN_SETPGROUP;
                if ((error = LibC.posix_spawnattr_setpgroup(attr, 0)) != 0) return false;
            }
            if (request.NewSession) flags |= LibC.POSIX_SPAWN_SETSID;
            if ((error = LibC.posix_spawnattr_setflags(attr, flags)) != 0) return false;

            if (request.StandardStreamsToDevNull)
            {
                byte* devNull = Utf8(allocations, "/dev/null");
                for (int fd = 0; fd <= 2; fd++)
                {
                    if ((error = LibC.posix_spawn_file_actions_addopen(actions, fd, devNull, LibC.O_RDWR, 0)) != 0) return false;
                }
            }
            // dup2 clears close-on-exec on the child's new fd only; the pipe's own fds stay CLOEXEC.
            foreach (var (ours, childFd) in new[] { (request.StandardErrorFd, 2), (request.StandardOutputFd, 1) })
            {
                if (ours is int fd && (error = LibC.posix_spawn_file_actions_adddup2(actions, fd, childFd)) != 0) return false;
            }
            if (request.WorkingDirectory is string directory)
            {
                if ((error = LibC.posix_spawn_file_actions_addchdir_np(actions, Utf8(allocations, directory))) != 0) return false;
            }

            byte** argv = StringArray(allocations, request.Argv);
            byte** envp = StringArray(allocations, request.Environment.Select(kv => kv.Key + "=" + kv.Value).ToList());
            byte* file = Utf8(allocations, request.File);
            int child;
            error = request.SearchPath
                ? LibC.posix_spawnp(&child, file, actions, attr, argv, envp)
                : LibC.posix_spawn(&child, file, actions, attr, argv, envp);
            pid = error == 0 ? child : 0;
            return error == 0;
        }
        finally
        {
            if (actionsReady) LibC.posix_spawn_file_actions_destroy(actions);
            if (attrReady) LibC.posix_spawnattr_destroy(attr);
            foreach (nint s in allocations) NativeMemory.Free((void*)s);
        }
    }

    /// <summary>This process's environment as .NET sees it (SetEnvironmentVariable too); null overrides remove.
    /// With <paramref name="clear"/>, the child gets exactly the non-null overrides.</summary>
    public static Dictionary<string, string> EnvironmentWith(IReadOnlyDictionary<string, string?>? overrides, bool clear = false)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!clear)
        {
            foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            {
                if (entry.Key is string name && entry.Value is string value) environment[name] = value;
            }
        }
        if (overrides is not null)
        {
            foreach (var (name, value) in overrides)
            {
                if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
                    throw new ArgumentException($"Invalid environment variable name \"{name}\".", nameof(overrides));
                if (value is null) environment.Remove(name);
                else environment[name] = value;
            }
        }
        return environment;
    }

    private static byte** StringArray(List<nint> allocations, IReadOnlyList<string> items)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(byte*));
        allocations.Add((nint)array);
        for (int i = 0; i < items.Count; i++) array[i] = Utf8(allocations, items[i]);
        return array; // NULL-terminated by AllocZeroed
    }

    private static byte* Utf8(List<nint> allocations, string text)
    {
        // A NUL inside an argument would silently cut it short in the child; refuse instead.
        if (text.Contains('\0')) throw new ArgumentException("Arguments and environment entries cannot contain NUL characters.");
        int length = Encoding.UTF8.GetByteCount(text);
        var buffer = (byte*)NativeMemory.Alloc((nuint)length + 1);
        allocations.Add((nint)buffer);
        Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, length));
        buffer[length] = 0;
        return buffer;
    }
}
