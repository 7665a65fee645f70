using SshKeep.Native;

namespace SshKeep.Forwarding;

/// <summary>Listening sockets passed by systemd (sd_listen_fds(3); docs/held-ports.md, "Socket activation").</summary>
internal static class SystemdSockets
{
    private const int FirstDescriptor = 3;

    /// <summary>Close-on-exec from here on: systemd passes them without it, and no ssh may inherit them.</summary>
    public static IReadOnlyList<Socket> Take(IReadOnlyDictionary<string, string> environment, int ownPid)
    {
        if (environment.GetValueOrDefault("LISTEN_PID") != ownPid.ToString(CultureInfo.InvariantCulture)
            || !int.TryParse(environment.GetValueOrDefault("LISTEN_FDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return [];
        }

        var sockets = new List<Socket>();
        for (var fd = FirstDescriptor; fd < FirstDescriptor + count; fd++)
        {
            if (LibC.fcntl(fd, LibC.F_SETFD, LibC.FD_CLOEXEC) != 0) continue;
            try
            {
                var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
                if (socket.SocketType == SocketType.Stream && socket.LocalEndPoint is System.Net.IPEndPoint
                    && (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.AcceptConnection)! != 0)
                {
                    sockets.Add(socket);
                }
                else
                {
                    socket.Dispose();
                }
            }
            catch (SocketException)
            {
                LibC.close(fd); // not a socket
            }
        }
        return sockets;
    }
}
