using System.Net;
using System.Net.Sockets;

namespace SshKeep.Config;

/// <summary>The sockets already claimed on one port of one listener (this machine, or one server), and by whom, each
/// written <c>family:address</c> (<see cref="SocketsOf"/>). Lookups are constant time, so a hostile file with tens of
/// thousands of forwards on one port is checked in linear time. A socket overlaps an equal socket; a wildcard
/// overlaps every socket of its family; a name may be either family, so it overlaps both wildcards.</summary>
internal sealed class ListenBucket
{
    public const string AnyV4 = "v4:*";
    public const string AnyV6 = "v6:*";

    private readonly Dictionary<string, ListenClaim> exact = new(StringComparer.Ordinal);
    private ListenClaim? anyV4, anyV6, firstV4, firstV6, firstName;

    /// <summary>Which sockets a forward's bind address listens on (<c>v4:127.0.0.1</c>, <c>v6:*</c>,
    /// <c>name:db.example</c>). ssh binds a missing bind address (or <c>localhost</c>) to 127.0.0.1 and ::1, <c>*</c>
    /// to both wildcards, and sets IPV6_V6ONLY, so <c>0.0.0.0</c> and <c>::</c> do not overlap. A host name other
    /// than localhost is compared by name (it could resolve to anything; a missed clash is better than refusing a
    /// valid file). GatewayPorts can widen a missing bind address; that is ignored here, which can only miss a clash,
    /// never invent one.</summary>
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

        if (HostSyntax.Address(bind) is { } address)
        {
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "v6" : "v4";
            return [address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? $"{family}:*" : $"{family}:{address}"];
        }

        return [$"name:{bind.ToLowerInvariant()}"];
    }

    /// <summary>The first owner of a socket that overlaps one of <paramref name="sockets"/>, or null.</summary>
    public ListenClaim? Clash(IReadOnlyList<string> sockets)
    {
        foreach (var socket in sockets)
        {
            var owner = socket switch
            {
                AnyV4 => firstV4 ?? firstName,
                AnyV6 => firstV6 ?? firstName,
                _ when socket.StartsWith("v4:", StringComparison.Ordinal) => exact.GetValueOrDefault(socket) ?? anyV4,
                _ when socket.StartsWith("v6:", StringComparison.Ordinal) => exact.GetValueOrDefault(socket) ?? anyV6,
                _ => exact.GetValueOrDefault(socket) ?? anyV4 ?? anyV6,
            };
            if (owner is not null)
            {
                return owner;
            }
        }

        return null;
    }

    public void Claim(IReadOnlyList<string> sockets, ListenClaim owner)
    {
        foreach (var socket in sockets)
        {
            exact.TryAdd(socket, owner);
            switch (socket[..3])
            {
                case "v4:":
                    firstV4 ??= owner;
                    break;
                case "v6:":
                    firstV6 ??= owner;
                    break;
                default:
                    firstName ??= owner;
                    break;
            }

            if (socket == AnyV4)
            {
                anyV4 ??= owner;
            }
            else if (socket == AnyV6)
            {
                anyV6 ??= owner;
            }
        }
    }
}
