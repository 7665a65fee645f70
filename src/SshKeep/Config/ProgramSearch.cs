namespace SshKeep.Config;

/// <summary>
/// Where a hook's program is, checked when the file is loaded so that a typo is a config error
/// rather than a failure at 3 a.m. A bare name is looked up in PATH as posix_spawnp(3) will look
/// it up when the hook runs (the daemon's PATH, which under systemd is not the login shell's).
/// </summary>
internal static class ProgramSearch
{
    /// <summary>glibc's search path when PATH is unset (confstr _CS_PATH).</summary>
    public const string DefaultPath = "/bin:/usr/bin";

    /// <summary>True when <paramref name="name"/> (no slash) is an executable file in one of
    /// <paramref name="pathVariable"/>'s folders; an empty entry means the working directory, as for
    /// execvp, and is skipped here because the daemon's working directory is not the user's.</summary>
    public static bool InPath(string name, string? pathVariable, Func<string, bool> isExecutable) =>
        (pathVariable ?? DefaultPath).Split(':')
            .Where(folder => folder.StartsWith('/'))
            .Any(folder => isExecutable(Path.Combine(folder, name)));

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
}
