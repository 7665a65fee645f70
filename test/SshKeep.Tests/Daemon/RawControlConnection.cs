using System.Net.Sockets;
using System.Text;

namespace SshKeep.Tests.Daemon;

/// <summary>A client that sends whatever bytes a test likes, for the hostile-input tests.</summary>
public sealed class RawControlConnection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    private RawControlConnection()
    {
    }

    public static async Task<RawControlConnection> ConnectAsync(string socketPath)
    {
        var connection = new RawControlConnection();
        await connection._socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).WaitAsync(TimeSpan.FromSeconds(30));
        return connection;
    }

    /// <summary>Sends the bytes; a server that already answered and closed may cut us off (EPIPE): ignored.</summary>
    public async Task SendAsync(byte[] bytes, bool thenClose = false)
    {
        try
        {
            int sent = 0;
            while (sent < bytes.Length) sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
            if (thenClose) _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    public Task SendAsync(string text, bool thenClose = false) => SendAsync(Encoding.UTF8.GetBytes(text), thenClose);

    /// <summary>Everything the server sends until it closes (within 30 s).</summary>
    public async Task<string> ReadToEndAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var all = new MemoryStream();
        byte[] buffer = new byte[4096];
        while (true)
        {
            int count;
            try
            {
                count = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            }
            catch (SocketException) when (all.Length > 0)
            {
                break; // reset after the answer: the answer is what counts
            }
            if (count == 0) break;
            all.Write(buffer, 0, count);
        }
        return Encoding.UTF8.GetString(all.ToArray());
    }

    public void Dispose() => _socket.Dispose();
}
