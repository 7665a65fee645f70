namespace SshKeep.Daemon;

/// <summary>
/// Where one daemon instance (one config file) keeps its files in the run directory:
/// <c>lock-KEY</c>, <c>status-KEY.json</c>, <c>control-KEY.sock</c>, with KEY from <see cref="InstanceKey"/>.
/// </summary>
/// <param name="ConfigPath">The canonical config path the key was made from.</param>
/// <param name="Key">e.g. <c>tunnels-3f2a9c1b7d4e</c>.</param>
/// <param name="LockPath">The instance lock (<see cref="InstanceLock"/>), holds the daemon's pid.</param>
/// <param name="StatusPath">status.json for every reader (<see cref="StatusStore"/>).</param>
/// <param name="SocketPath">The control socket (<see cref="ControlServer"/>).</param>
internal sealed record InstancePaths(string ConfigPath, string Key, string LockPath, string StatusPath, string SocketPath)
{
    /// <summary>A Unix socket path must fit sun_path (108 bytes with the NUL), and ssh first
    /// binds a temporary name 17 characters longer, then renames it.</summary>
    public const int MaxControlPathLength = 90;

    /// <summary>
    /// The ControlPath of one tunnel's ssh (the probes open channels through it):
    /// <c>mux-</c> and 12 hex digits of a hash of the instance key and the tunnel name, short
    /// whatever the name, in the run directory (0700). Null when even that is too long for a
    /// socket (a very deep --run-dir): the tunnel then runs without the session probe.
    /// </summary>
    public string? ControlMasterPath(string tunnelName)
    {
        var hash = Sha256.HashData(System.Text.Encoding.UTF8.GetBytes(Key + "\0" + tunnelName));
        var path = System.IO.Path.Join(System.IO.Path.GetDirectoryName(LockPath), "mux-" + Convert.ToHexStringLower(hash)[..12]);
        return System.Text.Encoding.UTF8.GetByteCount(path) <= MaxControlPathLength ? path : null;
    }
}
