using System.Net;
using System.Net.Sockets;

namespace SshKeep.Daemon;

/// <summary>
/// Picks the monitor port when neither -M nor AUTOSSH_PORT is given, as the Debian wrapper does
/// (R3: 42 random tries in 32768–65535, then 21021), but with a check that works: the wrapper
/// greps /proc/net/tcp for a lower-case port and misses every port with a hex letter in it.
/// Here a port counts as free only if it can actually be bound on 127.0.0.1 now, and P+1 must be
/// free too (the loop listener, R46). The top candidate is 65534, so P+1 never exceeds 65535.
/// </summary>
/// <remarks>
/// Without SO_REUSEADDR a port with sockets in TIME_WAIT counts as busy: that can only skip a
/// usable port, never pick an unusable one.
/// </remarks>
internal static class FreePortFinder
{
    public const int FirstCandidate = 32768;
    public const int LastCandidate = 65534;
    public const int Attempts = 42;
    public const int FallbackPort = 21021;

    /// <summary>A port P with 127.0.0.1:P and :P+1 both bindable, or null when none was found
    /// (the wrapper then prints "unable to find a suitable tunnel port" and exits 1).</summary>
    public static int? FindMonitorPortPair(Random? random = null)
    {
        var rng = random ?? Random.Shared;
        return Find(() => rng.Next(FirstCandidate, LastCandidate + 1), PairIsFree);
    }

    internal static int? Find(Func<int> nextCandidate, Func<int, bool> pairIsFree)
    {
        for (int i = 0; i < Attempts; i++)
        {
            int port = nextCandidate();
            if (pairIsFree(port)) return port;
        }
        return pairIsFree(FallbackPort) ? FallbackPort : null;
    }

    internal static bool PairIsFree(int port)
    {
        // Hold the first socket while trying the second: both must be free at the same moment.
        using var first = TryBind(port);
        if (first is null) return false;
        using var second = TryBind(port + 1);
        return second is not null;
    }

    private static Socket? TryBind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
