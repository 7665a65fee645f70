namespace SshKeep.Config;

/// <summary>
/// The sockets already claimed on one port of one listener (this machine, or one server), and by
/// whom. Lookups are constant time, so a hostile file with tens of thousands of forwards on one
/// port is checked in linear time. A socket overlaps an equal socket; a wildcard overlaps every
/// socket of its family; a name may be either family, so it overlaps both wildcards.
/// </summary>
internal sealed class ListenBucket
{
    private readonly Dictionary<string, ListenClaim> exact = new(StringComparer.Ordinal);
    private ListenClaim? anyV4, anyV6, firstV4, firstV6, firstName;

    /// <summary>The first owner of a socket that overlaps one of <paramref name="sockets"/>, or null.</summary>
    public ListenClaim? Clash(IReadOnlyList<string> sockets)
    {
        foreach (var socket in sockets)
        {
            var owner = socket switch
            {
                ListenAddress.AnyV4 => firstV4 ?? firstName,
                ListenAddress.AnyV6 => firstV6 ?? firstName,
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

            if (socket == ListenAddress.AnyV4)
            {
                anyV4 ??= owner;
            }
            else if (socket == ListenAddress.AnyV6)
            {
                anyV6 ??= owner;
            }
        }
    }
}
