namespace SshKeep.Native;

/// <summary>The one PATH search; callers differ in the folders they visit (<see cref="PathFolders"/>) and in the test a
/// file must pass: exec's with its errno (<see cref="Find"/>), a hook's (<see cref="InPath"/>), a tool's (<see cref="FindTool"/>).</summary>
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
        if (program.Contains('/')) return CanExec(program, ref error) ? program : null;

        bool sawUnexecutable = false;
        foreach (var candidate in Candidates(program, pathVariable, PathFolders.AsExec))
        {
            int candidateError = LibC.ENOENT;
            if (CanExec(candidate, ref candidateError)) { error = 0; return candidate; }
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

    private static bool CanExec(string path, ref int error)
    {
        if (Directory.Exists(path)) { error = LibC.EACCES; return false; } // exec of a directory: EACCES
        if (!File.Exists(path)) { error = LibC.ENOENT; return false; }
        if (LibC.access(path, LibC.X_OK) != 0) { error = Marshal.GetLastPInvokeError(); return false; }
        error = 0;
        return true;
    }
}
