using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>
/// Sends each message to the local syslog socket as glibc's <c>syslog()</c> does for autossh's
/// <c>openlog(progname, LOG_PID|[LOG_PERROR], LOG_USER)</c> (R84), e.g.
/// <c>&lt;14&gt;Nov 22 09:13:41 autossh[12899]: port set to 0, monitoring disabled</c>.
/// </summary>
/// <remarks>
/// Like glibc: connected lazily and again after a failure; a SOCK_STREAM socket gets a NUL after
/// each message; a message that cannot be sent twice is dropped (no LOG_CONS). The LOG_PERROR copy
/// goes to stderr first, whether or not syslog is reachable.
/// </remarks>
/// <param name="processId">The <c>[pid]</c> (LOG_PID), read per message (R80); null for none (R84).</param>
/// <param name="perror">When not null, every message is also copied here (LOG_PERROR).</param>
internal sealed class SyslogLogTarget(string ident, Func<int>? processId, TimeProvider timeProvider,
    string socketPath = SyslogLogTarget.DefaultSocketPath, TextWriter? perror = null) : IAutosshLogTarget
{
    /// <summary>The socket glibc's syslog() writes to (<c>_PATH_LOG</c>).</summary>
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
            if (perror is not null) CopyToStderr(perror, FormatPerror(ident, pid, text));
            byte[] datagram = Encoding.UTF8.GetBytes(
                FormatDatagram(severity, timeProvider.GetLocalNow(), ident, pid, text));
            // glibc: if the send fails on a connected socket, reconnect once and retry; then give up.
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

    /// <summary>The datagram text: <c>&lt;PRI&gt;Mmm dd HH:MM:SS ident[pid]: text</c>.</summary>
    internal static string FormatDatagram(int severity, DateTimeOffset localTime, string ident, int? pid, string text)
    {
        int pri = SyslogSeverity.UserFacility | (severity & 7);
        // strftime "%h %e %T" in the C locale: English month, day padded with a space.
        return string.Create(CultureInfo.InvariantCulture,
            $"<{pri}>{localTime:MMM} {localTime.Day,2} {localTime:HH:mm:ss} {FormatPerror(ident, pid, text)}");
    }

    /// <summary>glibc's LOG_PERROR copy: the message from the ident on, plus a newline if missing.</summary>
    internal static string FormatPerror(string ident, int? pid, string text)
    {
        string head = pid is { } p ? string.Create(CultureInfo.InvariantCulture, $"{ident}[{p}]: ") : ident + ": ";
        return head + text;
    }

    private static void CopyToStderr(TextWriter stderr, string line)
    {
        try
        {
            stderr.Write(line.EndsWith('\n') ? line : line + "\n");
            stderr.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // stderr gone (e.g. closed pipe): glibc ignores the write error too.
        }
    }

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
