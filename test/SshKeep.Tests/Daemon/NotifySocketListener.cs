using System.Net.Sockets;
using System.Text;

namespace SshKeep.Tests.Daemon;

/// <summary>
/// Plays systemd's side of sd_notify: a Unix datagram socket bound in a temporary directory (or
/// in the abstract namespace), whose address goes into NOTIFY_SOCKET. Reusable by the daemon's
/// integration tests: set <c>NOTIFY_SOCKET=<see cref="NotifySocket"/></c> in the daemon's
/// environment and wait for messages with <see cref="WaitForAsync"/>.
/// </summary>
public sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket;
    private readonly string? _directory;
    private readonly List<string> _received = [];

    /// <param name="abstractAddress">Bind in Linux's abstract namespace (NOTIFY_SOCKET starts with '@').</param>
    public NotifySocketListener(bool abstractAddress = false)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        string id = Guid.NewGuid().ToString("N")[..12];
        if (abstractAddress)
        {
            NotifySocket = "@sshkeep-test-notify-" + id;
            _socket.Bind(new UnixDomainSocketEndPoint("\0" + NotifySocket[1..]));
        }
        else
        {
            // Short: sun_path holds 108 bytes, and TMPDIR may already be long.
            _directory = Path.Combine(Path.GetTempPath(), "sshkeep-n-" + id);
            Directory.CreateDirectory(_directory);
            SocketPath = Path.Combine(_directory, "notify");
            NotifySocket = SocketPath;
            _socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
        }
    }

    /// <summary>The value for NOTIFY_SOCKET.</summary>
    public string NotifySocket { get; }

    /// <summary>The socket file, or null for an abstract address.</summary>
    public string? SocketPath { get; }

    /// <summary>Every datagram received so far, oldest first.</summary>
    public IReadOnlyList<string> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    /// <summary>Bytes waiting in the socket. A datagram sent in this process is queued by the time
    /// send returns, so 0 here means nothing was sent.</summary>
    public int Pending => _socket.Available;

    /// <summary>Receives every datagram already queued, without waiting.</summary>
    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        var buffer = new byte[65536];
        while (_socket.Available > 0)
        {
            int n = _socket.Receive(buffer);
            drained.Add(Remember(Encoding.UTF8.GetString(buffer, 0, n)));
        }
        return drained;
    }

    /// <summary>The next datagram, failing the test when none comes within the deadline.</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null)
    {
        var buffer = new byte[65536];
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return Remember(Encoding.UTF8.GetString(buffer, 0, n));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no sd_notify message within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:0.#} s");
        }
    }

    /// <summary>Receives until a datagram matches (earlier ones stay in <see cref="Received"/>); returns it.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var started = TimeProvider.System.GetTimestamp();
        lock (_received)
        {
            if (_received.FirstOrDefault(match) is { } already) return already;
        }
        while (true)
        {
            var left = limit - TimeProvider.System.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) throw new TimeoutException($"waited {limit.TotalSeconds:0.#} s for {what}; got: {string.Join(" | ", Received)}");
            string message;
            try
            {
                message = await ReceiveAsync(left);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"waited {limit.TotalSeconds:0.#} s for {what}; got: {string.Join(" | ", Received)}");
            }
            if (match(message)) return message;
        }
    }

    /// <summary>The assignments of one message: "READY=1\nSTATUS=x" → {READY: 1, STATUS: x}.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) fields[line[..eq]] = line[(eq + 1)..];
        }
        return fields;
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is null) return;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Remember(string message)
    {
        lock (_received) _received.Add(message);
        return message;
    }
}
