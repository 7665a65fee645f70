using System.Net;
using SshKeep.Config;

namespace SshKeep.Health;

/// <summary>Where a probe connects for a forward: its local listener (-L/-D), or the server's listener (-R).</summary>
internal static class ProbeTargets
{
    /// <summary>Loopback for no bind, a wildcard or a host name (not resolved in the probe's path); else the address.</summary>
    public static IPAddress LocalListener(ForwardSpec forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        return forward.BindAddress switch
        {
            null or "" or "localhost" or "*" or "0.0.0.0" => IPAddress.Loopback,
            var text when IPAddress.TryParse(text, out var parsed) => parsed.Equals(IPAddress.Any) ? IPAddress.Loopback
                : parsed.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : parsed,
            _ => IPAddress.Loopback,
        };
    }

    /// <summary>A specific bind first, then 127.0.0.1: GatewayPorts decides (docs/probes.md, "Side effects and limits").</summary>
    public static IReadOnlyList<string> RemoteListenerHosts(ForwardSpec forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        const string loopback = "127.0.0.1";
        return forward.BindAddress switch
        {
            null or "" or "localhost" or "*" or "0.0.0.0" or "::" or loopback => [loopback],
            var specific => [specific, loopback],
        };
    }
}
