using System.Net.Sockets;
using System.Text;

namespace SshKeep.Tests.Logging;

/// <summary>A private syslog (or journald, for native journal entries): a Unix datagram socket
/// bound in a temporary directory.</summary>
public sealed class SyslogListener : IDisposable
{
    private readonly Socket _socket;
    private readonly string _directory;

    public SyslogListener()
    {
        _directory = Path.Combine(Path.GetTempPath(), "sshkeep-log-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        SocketPath = Path.Combine(_directory, "log");
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
    }

    public string SocketPath { get; }

    /// <summary>Datagrams already queued (the logger sends synchronously, so none can be in flight).</summary>
    public int Pending => _socket.Available;

    /// <summary>Receives one datagram, failing the test if none comes within the deadline.</summary>
    public async Task<string> ReceiveAsync() => Encoding.UTF8.GetString(await ReceiveBytesAsync());

    /// <summary>Receives one datagram as bytes (a journal entry's binary fields are not text).</summary>
    public async Task<byte[]> ReceiveBytesAsync()
    {
        var buffer = new byte[65536];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        return buffer[..n];
    }

    public void Dispose()
    {
        _socket.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
