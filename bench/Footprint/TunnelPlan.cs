using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SshKeep.Bench.Footprint;

/// <summary>
/// The N local forwards of one scenario: each listens on its own 127.0.0.1 port and forwards to
/// the echo server through the throwaway sshd. Ports are taken below the kernel's ephemeral range
/// (ip_local_port_range), so an outgoing connection (ssh's own, a probe's) cannot grab one between
/// the moment it is chosen and the moment ssh binds it.
/// </summary>
internal sealed record TunnelPlan(IReadOnlyList<int> ListenPorts, int TargetPort)
{
    public static TunnelPlan Choose(int count, int basePort, int targetPort)
    {
        var ephemeralStart = EphemeralRangeStart();
        var ports = new List<int>(count);
        for (var port = basePort; ports.Count < count; port++)
        {
            if (port >= ephemeralStart || port > 65535)
                throw new InvalidOperationException($"not enough free ports from {basePort} below the ephemeral range ({ephemeralStart}); use --base-port");
            if (IsFree(port)) ports.Add(port);
        }
        return new TunnelPlan(ports, targetPort);
    }

    public int Count => ListenPorts.Count;

    public string Name(int index) => "t" + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The -L specification of tunnel <paramref name="index"/>.</summary>
    public string Forward(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{ListenPorts[index]}:127.0.0.1:{TargetPort}");

    /// <summary>True when something accepts on the tunnel's local port (ssh's listener).</summary>
    public bool Listening(int index)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Loopback, ListenPorts[index]));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            return int.Parse(text.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return 32768; // Linux's default
        }
    }
}
