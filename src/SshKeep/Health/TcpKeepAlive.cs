using System.Net.Sockets;

namespace SshKeep.Health;

/// <summary>
/// Turns on TCP keepalive with explicit timings (<see cref="TcpKeepAliveSettings"/>) for probe and
/// reachability sockets. Set before connect: Linux keeps the options across connect(2).
/// </summary>
internal static class TcpKeepAlive
{
    /// <summary>Linux bounds: TCP_KEEPIDLE and TCP_KEEPINTVL 1–32767 s (MAX_TCP_KEEPIDLE/INTVL), TCP_KEEPCNT 1–127.</summary>
    private const int MaxSeconds = 32767;
    private const int MaxCount = 127;

    /// <summary>SO_KEEPALIVE on, with <paramref name="settings"/> as the kernel will use them (<see cref="KernelValues"/>).</summary>
    public static void Apply(Socket socket, TcpKeepAliveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(settings);
        var (idle, interval, count) = KernelValues(settings);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, idle);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, interval);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, count);
    }

    /// <summary>
    /// The whole seconds and count the kernel takes: times round up (a keepalive never comes
    /// earlier than asked), and everything is kept within Linux's bounds instead of failing with EINVAL.
    /// </summary>
    public static (int IdleSeconds, int IntervalSeconds, int Count) KernelValues(TcpKeepAliveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (Seconds(settings.Idle), Seconds(settings.Interval), Math.Clamp(settings.Count, 1, MaxCount));
    }

    private static int Seconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalSeconds), 1, MaxSeconds);
}
