using System.Net.Sockets;

namespace SshKeep.Health;

/// <summary>Turns on TCP keepalive with explicit timings for probe sockets; set before connect
/// (Linux keeps the options across connect(2)).</summary>
internal static class TcpKeepAlive
{
    /// <summary>Linux bounds: TCP_KEEPIDLE and TCP_KEEPINTVL 1–32767 s, TCP_KEEPCNT 1–127.</summary>
    private const int MaxSeconds = 32767;
    private const int MaxCount = 127;

    public static void Apply(Socket socket, TcpKeepAliveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var (idle, interval, count) = KernelValues(settings);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, idle);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, interval);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, count);
    }

    /// <summary>The whole seconds and count the kernel takes: times round up (never earlier than
    /// asked), and all within Linux's bounds instead of failing with EINVAL.</summary>
    public static (int IdleSeconds, int IntervalSeconds, int Count) KernelValues(TcpKeepAliveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (Seconds(settings.Idle), Seconds(settings.Interval), Math.Clamp(settings.Count, 1, MaxCount));
    }

    private static int Seconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalSeconds), 1, MaxSeconds);
}
