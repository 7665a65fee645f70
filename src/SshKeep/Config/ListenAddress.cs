using System.Net;
using System.Net.Sockets;

namespace SshKeep.Config;

/// <summary>
/// Which sockets a forward's bind address listens on, written <c>family:address</c>
/// (<c>v4:127.0.0.1</c>, <c>v6:*</c>, <c>name:db.example</c>), to find two forwards that would
/// fight for one port. ssh binds a missing bind address (or <c>localhost</c>) to 127.0.0.1 and
/// ::1, <c>*</c> to both wildcards, and sets IPV6_V6ONLY, so <c>0.0.0.0</c> and <c>::</c> do not
/// overlap. A host name other than localhost is compared by name (it could resolve to anything;
/// a missed clash is better than refusing a valid file). GatewayPorts can widen a missing bind
/// address; that is ignored here, which can only miss a clash, never invent one.
/// </summary>
internal static class ListenAddress
{
    public const string AnyV4 = "v4:*";
    public const string AnyV6 = "v6:*";

    public static IReadOnlyList<string> SocketsOf(string? bind)
    {
        if (bind is null || bind.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return ["v4:127.0.0.1", "v6:::1"];
        }

        if (bind == "*")
        {
            return [AnyV4, AnyV6];
        }

        // IPAddress.TryParse also reads "1" as 0.0.0.1; only dotted quads and IPv6 are addresses here.
        if (IPAddress.TryParse(bind, out var address) && (bind.Contains(':') || bind.Count(c => c == '.') == 3))
        {
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "v6" : "v4";
            return [address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? $"{family}:*" : $"{family}:{address}"];
        }

        return [$"name:{bind.ToLowerInvariant()}"];
    }
}
