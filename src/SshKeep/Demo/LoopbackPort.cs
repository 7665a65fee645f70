namespace SshKeep.Demo;

/// <summary>Free TCP ports on 127.0.0.1, chosen by the kernel rather than guessed.</summary>
internal static class LoopbackPort
{
    /// <summary>Free a moment ago: a server started on it retries with a new port if the bind fails.</summary>
    public static int PickFree()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
