namespace SshKeep.Daemon;

/// <summary>Where one daemon instance keeps its files (docs/daemon.md "Run directory").</summary>
internal sealed record InstancePaths(string ConfigPath, string Key, string Directory)
{
    /// <summary>A Unix socket path must fit sun_path (108 bytes with the NUL), and ssh first
    /// binds a temporary name 17 characters longer, then renames it.</summary>
    public const int MaxControlPathLength = 90;

    public string LockPath => Path.Join(Directory, "lock-" + Key);

    public string StatusPath => Path.Join(Directory, "status-" + Key + ".json");

    public string SocketPath => Path.Join(Directory, "control-" + Key + ".sock");

    /// <summary>The ControlPath of one tunnel's ssh (for the probes), short whatever the name. Null when even that
    /// is too long (a very deep --run-dir): the tunnel then runs without the session probe.</summary>
    public string? ControlMasterPath(string tunnelName)
    {
        var hash = Sha256.HashData(System.Text.Encoding.UTF8.GetBytes(Key + "\0" + tunnelName));
        var path = Path.Join(Directory, "mux-" + Convert.ToHexStringLower(hash)[..12]);
        return System.Text.Encoding.UTF8.GetByteCount(path) <= MaxControlPathLength ? path : null;
    }
}
