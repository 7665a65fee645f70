using System.Net.Sockets;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

public class TcpKeepAliveTests
{
    [Theory]
    // idle s, interval s, count → kernel idle, interval, count
    [InlineData(1.0, 1.0, 3, 1, 1, 3)]
    [InlineData(0.2, 0.5, 0, 1, 1, 1)]      // the kernel's minimum is one second and one probe
    [InlineData(2.1, 4.0, 5, 3, 4, 5)]      // times round up: a keepalive never comes early
    [InlineData(99999, 99999, 500, 32767, 32767, 127)] // Linux's maxima instead of EINVAL
    public void Settings_become_whole_seconds_within_the_kernels_bounds(double idle, double interval, int count,
        int kernelIdle, int kernelInterval, int kernelCount)
    {
        var settings = new TcpKeepAliveSettings(TimeSpan.FromSeconds(idle), TimeSpan.FromSeconds(interval), count);

        Assert.Equal((kernelIdle, kernelInterval, kernelCount), TcpKeepAlive.KernelValues(settings));
    }

    [Fact]
    public void Applying_sets_so_keepalive_and_the_three_tcp_options_on_the_socket()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        TcpKeepAlive.Apply(socket, new TcpKeepAliveSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 4));

        Assert.Equal(1, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.Equal(2, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(3, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(4, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
    }
}
