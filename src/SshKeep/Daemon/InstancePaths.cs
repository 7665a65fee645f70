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
public sealed record InstancePaths(string ConfigPath, string Key, string LockPath, string StatusPath, string SocketPath);
