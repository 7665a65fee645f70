namespace SshKeep.Config;

/// <summary>docs/config.md, "Who may change the file".</summary>
internal static class ConfigFilePermissions
{
    /// <summary>A flag, not a key in the file: whoever could write the file could set the key.</summary>
    public const string AllowFlag = "--allow-unsafe-config-permissions";

    /// <summary>022.</summary>
    private const uint GroupOrOtherWrite = 0x12;

    /// <summary>01000: in a sticky directory only a file's owner may rename or remove it.</summary>
    private const uint Sticky = 0x200;

    /// <summary>Modes with sticky bit.</summary>
    public static string? Problem(string path, uint fileOwner, uint filePermissions, uint directoryOwner, uint directoryPermissions, uint ownUid)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool Trusted(uint uid) => uid == ownUid || uid == 0;
        const string Runs = "whoever can change it decides what this sshkeep runs (ProxyCommand, ssh_path, hooks)";
        if (!Trusted(fileOwner))
            return $"tunnels file \"{path}\" belongs to uid {fileOwner}, neither us (uid {ownUid}) nor root: {Runs}";
        if ((filePermissions & GroupOrOtherWrite) != 0)
            return $"tunnels file \"{path}\" is writable by others (mode {Octal(filePermissions)}): {Runs}; chmod go-w it";
        string directory = Path.GetDirectoryName(path) ?? "/";
        if (!Trusted(directoryOwner))
            return $"tunnels file \"{path}\" is in {directory}, which belongs to uid {directoryOwner}, neither us (uid {ownUid}) nor root: that user can replace the file, and {Runs}";
        if ((directoryPermissions & GroupOrOtherWrite) != 0 && (directoryPermissions & Sticky) == 0)
            return $"tunnels file \"{path}\" is in {directory}, which others can write (mode {Octal(directoryPermissions)}): they can replace the file, and {Runs}; chmod go-w {directory}";
        return null;
    }

    private static string Octal(uint permissions) => Convert.ToString(permissions, 8).PadLeft(3, '0');
}
