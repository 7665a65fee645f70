using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Cli;

/// <summary>Where the control verbs find the daemon of a tunnels file (docs/daemon.md, "Run directory").</summary>
internal static class DaemonSocket
{
    private const uint GroupOrOtherWrite = 0x12;

    /// <summary>ServiceUid: the account whose daemon root may trust (null: only our own uid and root, <see cref="PeerCheck"/>).</summary>
    public static (string SocketPath, uint? ServiceUid) Find(string configPath, string? runDir, IReadOnlyDictionary<string, string> environment)
    {
        var own = RunDirectory.FromEnvironment(runDir, environment).For(configPath);
        if (runDir is not null || Exists(own.SocketPath)) return (own.SocketPath, null);
        foreach (string serviceDirectory in ServiceDirectories(own.Key, own.ConfigPath))
        {
            var service = RunDirectory.Resolve(serviceDirectory, null, 0).ForCanonical(own.ConfigPath);
            if (Exists(service.SocketPath)) return (service.SocketPath, ServiceAccount(serviceDirectory));
        }
        return (own.SocketPath, null);
    }

    internal static IEnumerable<string> ServiceDirectories(string instanceKey, string canonicalConfigPath)
    {
        yield return RunDirectory.ServicePathFor(instanceKey);
        if (PackagedUnits.InstanceOf(canonicalConfigPath) is { } instance) yield return RunDirectory.ServicePathFor(instance);
    }

    /// <summary>The owner of a service's run directory, when only root could have made it (systemd's RuntimeDirectory=).</summary>
    internal static uint? ServiceAccount(string serviceDirectory)
    {
        string parent = Path.GetDirectoryName(serviceDirectory)!;
        if (!FileStatus.TryGet(parent, out var top, out _) || !top.IsDirectory || top.Uid != PeerCheck.RootUid ||
            (top.Permissions & GroupOrOtherWrite) != 0)
            return null;
        if (!FileStatus.TryGet(serviceDirectory, out var own, out _) || !own.IsDirectory || (own.Permissions & GroupOrOtherWrite) != 0)
            return null;
        return own.Uid;
    }

    private static bool Exists(string socketPath) => FileStatus.TryGet(socketPath, out _, out _);
}
