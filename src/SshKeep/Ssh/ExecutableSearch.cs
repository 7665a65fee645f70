namespace SshKeep.Ssh;

/// <summary>Finds programs the way a root shell would: PATH, then the sbin folders a user's PATH often lacks.</summary>
internal static class ExecutableSearch
{
    private static readonly string[] SystemFolders = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The absolute path of an executable file named <paramref name="name"/>, or null.</summary>
    public static string? Find(string name)
    {
        if (name.Contains('/')) return IsExecutable(name) ? Path.GetFullPath(name) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
                   .Concat(SystemFolders)
                   .Select(folder => Path.Combine(folder, name))
                   .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) &&
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
