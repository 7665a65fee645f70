using SshKeep.Config;
using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>For the file that will actually be read (symlinks resolved) and its directory.</summary>
internal static class ConfigFileOnDisk
{
    /// <summary>Also null when the file cannot be looked at: the loader then says why it cannot be read.</summary>
    public static string? PermissionProblem(string configPath)
    {
        string file = InstanceKey.Canonicalize(configPath);
        string directory = Path.GetDirectoryName(file) ?? "/";
        if (!FileStatus.TryGet(file, out var fileStatus, out _) || !FileStatus.TryGet(directory, out var directoryStatus, out _)) return null;
        return ConfigFilePermissions.Problem(file, fileStatus.Uid, fileStatus.Permissions, directoryStatus.Uid, directoryStatus.Permissions, LibC.geteuid());
    }
}
