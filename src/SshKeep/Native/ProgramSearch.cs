namespace SshKeep.Native;

/// <summary>The one PATH search; callers differ in the folders they visit (<see cref="PathFolders"/>) and in the
/// test a file must pass: exec's with its errno (Find), a hook's (InPath), a root shell's for a tool (FindTool).</summary>
internal static class ProgramSearch
{
    /// <summary>glibc's search path when PATH is unset (confstr _CS_PATH).</summary>
    public const string DefaultPath = "/bin:/usr/bin";

    /// <summary>The folders a root shell has that a user's PATH often lacks.</summary>
    private static readonly string[] SystemFolders = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>A null PATH is <see cref="DefaultPath"/>.</summary>
    public static IEnumerable<string> Candidates(string name, string? pathVariable, PathFolders folders)
    {
        foreach (var folder in (pathVariable ?? DefaultPath).Split(':'))
        {
            if (folder.Length == 0)
            {
                if (folders == PathFolders.AsExec) yield return name; // execvp: the working directory
            }
            else if (folder.StartsWith('/') || folders != PathFolders.AbsoluteOnly)
            {
                yield return Path.Join(folder, name);
            }
        }
    }

    /// <summary>The file execvp would run, or null with the errno it would fail with: a missing ssh_path started through
    /// an exec step stays an error of the start, not an exit 127 (docs/daemon.md, "Parent-death signal").</summary>
    public static string? Find(string program, string? pathVariable, out int error)
    {
        ArgumentNullException.ThrowIfNull(program);
        error = LibC.ENOENT;
        if (program.Length == 0) return null;
        if (program.Contains('/')) return (error = ExecError(program)) == 0 ? program : null;

        bool sawUnexecutable = false;
        foreach (var candidate in Candidates(program, pathVariable, PathFolders.AsExec))
        {
            int candidateError = ExecError(candidate);
            if (candidateError == 0) { error = 0; return candidate; }
            sawUnexecutable |= candidateError == LibC.EACCES;
        }
        error = sawUnexecutable ? LibC.EACCES : LibC.ENOENT;
        return null;
    }

    public static bool InPath(string name, string? pathVariable, Func<string, bool> isExecutable) =>
        Candidates(name, pathVariable, PathFolders.AbsoluteOnly).Any(isExecutable);

    /// <summary>As a root shell finds it: PATH, then <see cref="SystemFolders"/>; or null.</summary>
    public static string? FindTool(string name, string? pathVariable)
    {
        if (name.Contains('/')) return IsExecutableFile(name) ? Path.GetFullPath(name) : null;
        return Candidates(name, pathVariable ?? "", PathFolders.SkipEmpty)
            .Concat(SystemFolders.Select(folder => Path.Join(folder, name)))
            .FirstOrDefault(IsExecutableFile);
    }

    /// <summary>A regular file (after symlinks) with an execute bit set.</summary>
    public static bool IsExecutableFile(string path)
    {
        try
        {
            return File.Exists(path) &&
                   (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The errno exec would fail with (of a directory: EACCES), or 0.</summary>
    private static int ExecError(string path) =>
        Directory.Exists(path) ? LibC.EACCES
        : !File.Exists(path) ? LibC.ENOENT
        : LibC.access(path, LibC.X_OK) != 0 ? Marshal.GetLastPInvokeError() : 0;
}
