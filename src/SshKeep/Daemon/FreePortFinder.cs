namespace SshKeep.Daemon;

/// <summary>The monitor port when neither -M nor AUTOSSH_PORT is given, as the Debian wrapper picks it
/// (docs/autossh-rules.md R3), but with a check that works (R96.19) and P+1 for the loop listener (R46).</summary>
/// <remarks>Without SO_REUSEADDR a port with sockets in TIME_WAIT counts as busy: that can only skip a usable
/// port, never pick an unusable one.</remarks>
internal static class FreePortFinder
{
    public const int FirstCandidate = 32768;
    public const int LastCandidate = 65534;
    public const int Attempts = 42;
    public const int FallbackPort = 21021;

    /// <summary>Null when none was found (the wrapper then prints "unable to find a suitable tunnel port", exit 1).</summary>
    public static int? FindMonitorPortPair(Random? random = null) =>
        Find(() => (random ?? Random.Shared).Next(FirstCandidate, LastCandidate + 1), PairIsFree);

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
