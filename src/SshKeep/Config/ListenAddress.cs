using System.Net;
using System.Net.Sockets;

namespace SshKeep.Config;

/// <summary>
/// Which sockets a forward's bind address listens on, to find two forwards that would fight for
/// one port. ssh binds a missing bind address (or <c>localhost</c>) to 127.0.0.1 and ::1, <c>*</c>
/// to both wildcards, and sets IPV6_V6ONLY, so <c>0.0.0.0</c> and <c>::</c> do not overlap.
/// A host name other than localhost is compared by name (it could resolve to anything; a false
/// "no clash" is better than refusing a valid file). GatewayPorts can widen a missing bind address;
/// that is ignored here, which can only miss a clash, never invent one.
/// </summary>
internal sealed record ListenAddress(int Port, IReadOnlyList<string> Sockets)
{
    private const string AnyV4 = "v4:*";
    private const string AnyV6 = "v6:*";

    public static ListenAddress Of(ForwardSpec forward) => new(forward.BindPort, SocketsOf(forward.BindAddress));

    public bool Overlaps(ListenAddress other) =>
        Port == other.Port && Sockets.Any(a => other.Sockets.Any(b => SocketsOverlap(a, b)));

    private static IReadOnlyList<string> SocketsOf(string? bind)
    {
        if (bind is null || bind.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return ["v4:127.0.0.1", "v6:::1"];
        }

        if (bind == "*")
        {
            return [AnyV4, AnyV6];
        }

        if (IPAddress.TryParse(bind, out var address) && (bind.Contains(':') || bind.Count(c => c == '.') == 3))
        {
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "v6" : "v4";
            return [address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? $"{family}:*" : $"{family}:{address}"];
        }

        return [$"name:{bind.ToLowerInvariant()}"];
    }

    private static bool SocketsOverlap(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        // A wildcard takes the port on every address of its family; a name may be either family.
        return a is AnyV4 or AnyV6 && (b.StartsWith(a[..3], StringComparison.Ordinal) || b.StartsWith("name:", StringComparison.Ordinal)) ||
               b is AnyV4 or AnyV6 && (a.StartsWith(b[..3], StringComparison.Ordinal) || a.StartsWith("name:", StringComparison.Ordinal));
    }
}
