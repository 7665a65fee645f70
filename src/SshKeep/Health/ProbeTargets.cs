using System.Net;
using SshKeep.Config;

namespace SshKeep.Health;

/// <summary>Where a probe connects for a forward: its local listener (-L/-D), or the server's listener (-R).</summary>
internal static class ProbeTargets
{
    /// <summary>
    /// The address to reach a -L/-D listener on from this machine (as <see cref="ListenerCheck"/>
    /// does): no bind, <c>localhost</c> and the wildcards mean loopback; a specific address is used
    /// as it is; another host name is not resolved (ssh resolves it when it binds; loopback is the
    /// best guess without a lookup in the probe's path).
    /// </summary>
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

    /// <summary>
    /// The hosts, as the server resolves them, to try for a -R forward's listener, in order. With no
    /// bind, <c>localhost</c> or a wildcard the server listens on loopback (too), so 127.0.0.1. With
    /// a specific bind the server listens there only if its GatewayPorts is <c>clientspecified</c>;
    /// with the default (<c>no</c>) it ignores the bind and listens on loopback; so the bind is
    /// tried first and 127.0.0.1 second. (We cannot read the server's GatewayPorts.)
    /// </summary>
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
