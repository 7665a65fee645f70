using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>glibc's <c>syslog()</c> after autossh's <c>openlog</c> (docs/autossh-rules.md R84): connected lazily
/// and again after a failure; a message that cannot be sent twice is dropped (no LOG_CONS).</summary>
/// <param name="processId">Read per message (R80); null: no <c>[pid]</c> (R84).</param>
/// <param name="perror">The LOG_PERROR copy, written first, whether or not syslog is reachable.</param>
internal sealed class SyslogLogTarget(string ident, Func<int>? processId, TimeProvider timeProvider,
    string socketPath = SyslogLogTarget.DefaultSocketPath, TextWriter? perror = null) : IAutosshLogTarget
{
    /// <summary>glibc's <c>_PATH_LOG</c>.</summary>
    public const string DefaultSocketPath = "/dev/log";

    private readonly object _gate = new();
    private Socket? _socket;
    private bool _disposed;

    public void Write(int severity, string text)
    {
        int? pid = processId?.Invoke();
        lock (_gate)
        {
            if (_disposed) return;
            var line = FormatPerror(ident, pid, text);
            try
            {
                perror?.Write(line.EndsWith('\n') ? line : line + "\n");
                perror?.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // glibc ignores the write error too.
            }
            var now = timeProvider.GetLocalNow();
            // strftime "%h %e %T" in the C locale: English month, day padded with a space.
            byte[] datagram = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"<{SyslogSeverity.UserFacility | (severity & 7)}>{now:MMM} {now.Day,2} {now:HH:mm:ss} {line}"));
            // glibc: reconnect once and retry; then give up.
            if (TrySend(datagram)) return;
            CloseSocket();
            TrySend(datagram);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            CloseSocket();
        }
    }

    internal static string FormatPerror(string ident, int? pid, string text) =>
        (pid is { } p ? string.Create(CultureInfo.InvariantCulture, $"{ident}[{p}]: ") : ident + ": ") + text;

    private bool TrySend(byte[] datagram)
    {
        try
        {
            _socket ??= Connect();
            if (_socket is null) return false;
            _socket.Send(datagram);
            // A stream syslog socket needs a frame delimiter; glibc sends the terminating NUL.
            if (_socket.SocketType == SocketType.Stream) _socket.Send([0]);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            CloseSocket();
            return false;
        }
    }

    private Socket? Connect()
    {
        var endpoint = new UnixDomainSocketEndPoint(socketPath);
        foreach (SocketType type in (SocketType[])[SocketType.Dgram, SocketType.Stream])
        {
            var socket = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
            try
            {
                socket.Connect(endpoint);
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ProtocolType && type == SocketType.Dgram)
            {
                // EPROTOTYPE: the log socket is a stream socket; glibc retries with SOCK_STREAM.
                socket.Dispose();
            }
            catch (SocketException)
            {
                socket.Dispose();
                return null;
            }
        }
        return null;
    }

    private void CloseSocket()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
