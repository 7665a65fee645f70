using System.Net;
using System.Net.Sockets;

namespace SshKeep.Tests.Integration;

/// <summary>A SOCKS4/4a/5 client of a held `dynamic` port that checks the whole path with an echo.</summary>
internal static class SocksClient
{
    /// <summary>SOCKS5 with no authentication, to 127.0.0.1:<paramref name="echoPort"/> by address.</summary>
    public static Task<bool> Socks5Async(int socksPort, int echoPort, TimeSpan patience) =>
        EchoAsync(socksPort, echoPort, [5, 1, 0], [5, 1, 0, 1, 127, 0, 0, 1], 2, 10, patience);

    /// <summary>A SOCKS client: greeting (SOCKS5 only), a CONNECT request to the echo port, the reply, then an echo.</summary>
    public static async Task<bool> EchoAsync(int socksPort, int echoPort, byte[] greeting, byte[] requestHead, int greetingReply, int replyLength,
        TimeSpan patience, byte[]? requestTail = null)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(patience);
        try
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, socksPort), deadline.Token);
            if (greeting.Length > 0)
            {
                await client.SendAsync(greeting, SocketFlags.None, deadline.Token);
                if (!(await ReadAsync(client, greetingReply, deadline.Token)).SequenceEqual(new byte[] { 5, 0 })) return false;
            }
            byte[] port = [(byte)(echoPort >> 8), (byte)echoPort];
            byte[] request = requestHead[0] == 5 ? [.. requestHead, .. port] : [.. requestHead, .. port, .. requestTail!];
            await client.SendAsync(request, SocketFlags.None, deadline.Token);
            var reply = await ReadAsync(client, replyLength, deadline.Token);
            if (reply[1] != (requestHead[0] == 5 ? 0x00 : 0x5a)) return false;
            var token = "through socks\n"u8.ToArray();
            await client.SendAsync(token, SocketFlags.None, deadline.Token);
            return (await ReadAsync(client, token.Length, deadline.Token)).SequenceEqual(token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or EndOfStreamException)
        {
            return false;
        }
    }

    private static async Task<byte[]> ReadAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        for (var filled = 0; filled < count;)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0) throw new EndOfStreamException();
            filled += read;
        }
        return buffer;
    }
}
