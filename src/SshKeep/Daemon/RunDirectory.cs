using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>Where daemons keep their lock, status file and control socket (docs/daemon.md "Run directory").</summary>
internal sealed class RunDirectory(string path, bool isOverride)
{
    public const string SystemPath = "/run/sshkeep";

    /// <summary>Of system units from install-service; not under <see cref="SystemPath"/>, which root's own
    /// `sshkeep up` tightens to 0700 (docs/daemon.md "Run directory").</summary>
    public const string ServiceParent = "/run/sshkeep-service";

    public static string ServicePathFor(string instanceKey) => System.IO.Path.Join(ServiceParent, instanceKey);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const uint GroupOrOtherWrite = 0x12; // 022

    public string Path { get; } = path;

    /// <summary>Given by <c>--run-dir</c>: never chmod'ed.</summary>
    public bool IsOverride { get; } = isOverride;

    /// <summary>Touches nothing on disk; $XDG_RUNTIME_DIR is ignored unless absolute (the XDG spec's rule).</summary>
    public static RunDirectory Resolve(string? overridePath, string? xdgRuntimeDirectory, uint effectiveUid)
    {
        if (!string.IsNullOrEmpty(overridePath)) return new RunDirectory(System.IO.Path.GetFullPath(overridePath), isOverride: true);
        if (effectiveUid == 0) return new RunDirectory(SystemPath, isOverride: false);
        if (!string.IsNullOrEmpty(xdgRuntimeDirectory) && System.IO.Path.IsPathFullyQualified(xdgRuntimeDirectory))
            return new RunDirectory(System.IO.Path.Join(System.IO.Path.TrimEndingDirectorySeparator(xdgRuntimeDirectory), "sshkeep"), isOverride: false);
        return new RunDirectory("/tmp/sshkeep-" + effectiveUid.ToString(CultureInfo.InvariantCulture), isOverride: false);
    }

    public static RunDirectory FromEnvironment(string? overridePath, IReadOnlyDictionary<string, string> environment) =>
        Resolve(overridePath, environment.GetValueOrDefault("XDG_RUNTIME_DIR"), LibC.geteuid());

    public InstancePaths For(string configPath) => ForCanonical(InstanceKey.Canonicalize(configPath));

    public InstancePaths ForCanonical(string canonicalConfigPath) =>
        new(canonicalConfigPath, InstanceKey.For(canonicalConfigPath), Path);

    /// <summary>Why <paramref name="status"/> (lstat of <see cref="Path"/>) may not be our run directory, or null
    /// (docs/daemon.md "Run directory").</summary>
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

    public bool TryCreate(uint ownUid, [NotNullWhen(false)] out string? error)
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
        if (!IsOverride && (status.Permissions & 0x3F /* 077 */) != 0) File.SetUnixFileMode(Path, OwnerOnly);
        return true;
    }
}
