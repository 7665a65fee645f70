using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>
/// The directory where daemons keep their lock, status file and control socket, and where the
/// control verbs look for them: which one, its layout, and why every one must be a real directory
/// of ours that no one else can write (<see cref="Problem"/>): docs/daemon.md "Run directory".
/// </summary>
internal sealed class RunDirectory(string path, bool isOverride)
{
    /// <summary>Root's run directory.</summary>
    public const string SystemPath = "/run/sshkeep";

    /// <summary>Where system units made by install-service keep their run directories, one per
    /// config file (<see cref="ServicePathFor"/>): systemd makes it (RuntimeDirectory=) root-owned
    /// 0755, and each instance's directory inside 0700 for User=. Not under <see cref="SystemPath"/>,
    /// which root's own `sshkeep up` tightens to 0700 (others could no longer reach theirs).</summary>
    public const string ServiceParent = "/run/sshkeep-service";

    /// <summary>The run directory of the system unit for the instance <paramref name="instanceKey"/>
    /// (<see cref="InstanceKey.For"/>): the unit passes it as --run-dir, and the CLI looks there
    /// when its own default directory has no daemon for the file (docs/daemon.md).</summary>
    public static string ServicePathFor(string instanceKey) => System.IO.Path.Join(ServiceParent, instanceKey);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>022.</summary>
    private const uint GroupOrOtherWrite = 0x12;

    /// <summary>The absolute directory path.</summary>
    public string Path { get; } = path;

    /// <summary>True when given by <c>--run-dir</c>: created if missing; an existing one is checked
    /// (<see cref="Problem"/>) but never chmod'ed.</summary>
    public bool IsOverride { get; } = isOverride;

    /// <summary>Chooses the directory (touches nothing on disk); $XDG_RUNTIME_DIR is ignored unless
    /// absolute (the XDG spec's rule).</summary>
    public static RunDirectory Resolve(string? overridePath, string? xdgRuntimeDirectory, uint effectiveUid)
    {
        if (!string.IsNullOrEmpty(overridePath)) return new RunDirectory(System.IO.Path.GetFullPath(overridePath), isOverride: true);
        if (effectiveUid == 0) return new RunDirectory(SystemPath, isOverride: false);
        if (!string.IsNullOrEmpty(xdgRuntimeDirectory) && System.IO.Path.IsPathFullyQualified(xdgRuntimeDirectory))
            return new RunDirectory(System.IO.Path.Join(System.IO.Path.TrimEndingDirectorySeparator(xdgRuntimeDirectory), "sshkeep"), isOverride: false);
        return new RunDirectory("/tmp/sshkeep-" + effectiveUid.ToString(CultureInfo.InvariantCulture), isOverride: false);
    }

    /// <summary><see cref="Resolve"/> with this process's environment and uid.</summary>
    public static RunDirectory FromEnvironment(string? overridePath, IReadOnlyDictionary<string, string> environment) =>
        Resolve(overridePath, environment.GetValueOrDefault("XDG_RUNTIME_DIR"), LibC.geteuid());

    /// <summary>The files of the daemon for <paramref name="configPath"/> (canonicalised first).</summary>
    public InstancePaths For(string configPath) => ForCanonical(InstanceKey.Canonicalize(configPath));

    /// <summary>The files of the daemon for an already canonical config path (pure).</summary>
    public InstancePaths ForCanonical(string canonicalConfigPath) =>
        new(canonicalConfigPath, InstanceKey.For(canonicalConfigPath), Path);

    /// <summary>Creates the directory (mode 0700) for a daemon; on failure returns false and why.</summary>
    public bool TryCreate([NotNullWhen(false)] out string? error) => TryCreate(LibC.geteuid(), out error);

    /// <summary>Why <paramref name="status"/> (lstat of <see cref="Path"/>) may not be our run
    /// directory, or null when it may: a real directory, owned by us, writable by no one else, since
    /// whoever can write it can replace our files between our steps (docs/security.md, docs/daemon.md).</summary>
    internal string? Problem(FileStatus status, uint ownUid)
    {
        string remedy = IsOverride ? "choose another --run-dir" : "remove it or pass --run-dir";
        if (!status.IsDirectory)
            return $"run directory \"{Path}\" is not a directory{(status.IsSymbolicLink ? " (a symbolic link)" : "")}; {remedy}";
        if (status.Uid != ownUid)
            return $"run directory \"{Path}\" belongs to uid {status.Uid}, not to us (uid {ownUid}); {remedy}";
        if ((status.Permissions & GroupOrOtherWrite) != 0)
        {
            string mode = Convert.ToString(status.Permissions, 8);
            return $"run directory \"{Path}\" is writable by others (mode {mode}); others could replace the daemon's files: " +
                $"make it writable only by you (chmod go-w) or {(IsOverride ? "choose another --run-dir" : "remove it")}";
        }
        return null;
    }

    internal bool TryCreate(uint ownUid, [NotNullWhen(false)] out string? error)
    {
        try
        {
            Directory.CreateDirectory(Path, OwnerOnly);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot create run directory \"{Path}\": {e.Message}";
            return false;
        }
        if (!FileStatus.TryGet(Path, out var status, out int errno))
        {
            error = $"cannot use run directory \"{Path}\": {LibC.StrError(errno)}";
            return false;
        }
        error = Problem(status, ownUid);
        if (error is not null) return false;
        // A default directory of ours that others can read (made by hand, or an older umask) is
        // tightened; an explicit --run-dir is the user's choice and is never chmod'ed.
        if (!IsOverride && (status.Permissions & 0x3F /* 077 */) != 0) File.SetUnixFileMode(Path, OwnerOnly);
        return true;
    }
}
