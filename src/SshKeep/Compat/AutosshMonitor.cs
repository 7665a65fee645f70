using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>autossh's <c>conn_test</c> (docs/autossh-rules.md R46–R52); a cancellation is a signal (R76).</summary>
/// <param name="netTimeoutMilliseconds">T (R52).</param>
/// <param name="nodeName">Null: gethostname (<see cref="Environment.MachineName"/> is cut at the first dot).</param>
internal sealed class AutosshMonitor(MonitorSpec spec, string programName, int ownPid, string message,
    int netTimeoutMilliseconds, ILogger logger, TimeProvider timeProvider, Random random, string? nodeName = null)
    : IConnectionMonitor
{
    /// <summary>C MAX_CONN_TRIES: the third pass only gives up (R49).</summary>
    private const int MaxConnTries = 3;

    /// <summary>C wbuf: 64 + sizeof(utsname.nodename) + MAX_MESSAGE bytes, NUL included (R48).</summary>
    private const int TestLineBufferSize = 64 + 65 + 64;

    /// <summary>Black-hole guard (R49): after 5 wake-ups each one waits a second, after 10 the test fails.</summary>
    private const int QuietWakeUps = 5;

    private const int MaxWakeUps = 10;

    private readonly (bool Loop, int Write, int Read) _ports = spec switch
    {
        MonitorSpec.Loop loop => (true, loop.WritePort, loop.ReadPort),
        MonitorSpec.Echo echo => (false, echo.WritePort, 0),
        _ => throw new ArgumentException("With -M 0 there is no connection test (R55).", nameof(spec)),
    };

    private readonly string _nodeName = nodeName ?? Dns.GetHostName();
    private readonly TimeSpan _netTimeout = TimeSpan.FromMilliseconds(netTimeoutMilliseconds);
    private readonly object _gate = new();
    private Socket? _listener;
    private bool _opened;
    private bool _disposed;

    /// <summary>Call once (R46, R48); null, or autossh's fatal message for the caller to log (R86).</summary>
    public string? Open()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_opened) throw new InvalidOperationException("The monitor is already open.");

            if (Encoding.UTF8.GetByteCount(BuildTestLine(int.MaxValue)) >= TestLineBufferSize)
            {
                return "conn_test: buffer overflow";
            }

            if (_ports.Loop && OpenListener(out _listener) is { } failure) return failure;
            _opened = true;
            return null;
        }
    }

    /// <summary>A running test then fails.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _listener?.Dispose();
            _listener = null;
        }
    }

    /// <summary>R48.</summary>
    internal string BuildTestLine(long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{_nodeName} {programName} {ownPid} {id} {message}\r\n");

    private string? OpenListener(out Socket? listener)
    {
        listener = null;
        Socket? socket = null;
        string step = "socket";
        try
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            step = "setsockopt";
            // SO_REUSEADDR only, set raw (Linux's numbers): .NET's ReuseAddress adds SO_REUSEPORT, which would let a
            // second sshkeep share wp+1 instead of failing with "Address already in use" as autossh does (R46).
            socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            step = string.Create(CultureInfo.InvariantCulture, $"bind on {MonitorSpec.ForwardHost}:{_ports.Read}");
            socket.Bind(new IPEndPoint(IPAddress.Loopback, _ports.Read));
            step = "listen";
            socket.Listen(1); // R46; .NET sockets are close-on-exec already.
        }
        catch (SocketException e)
        {
            socket?.Dispose();
            return $"{step}: {SocketErrorText.Of(e)}";
        }
        listener = socket;
        return null;
    }

    /// <summary>One test (R49), never two at once; failures are logged as autossh logs them.</summary>
    public async Task<bool> TestAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_opened) throw new InvalidOperationException("Call Open() before the first test.");
        }

        // R48: once per test.
        long id = random.Next();
        byte[] line = Encoding.UTF8.GetBytes(BuildTestLine(id));

        Socket? writeSocket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (writeSocket is null) return false;

        Socket? readSocket = null;
        try
        {
            for (int tries = 1; tries < MaxConnTries; tries++)
            {
                if (_ports.Loop)
                {
                    // R49: a second attempt normally ends with the accept timeout.
                    CloseQuietly(readSocket);
                    readSocket = await AcceptAsync(cancellationToken).ConfigureAwait(false);
                    if (readSocket is null) return false;
                }

                var intact = await ExchangeAsync(writeSocket, readSocket ?? writeSocket, line, cancellationToken).ConfigureAwait(false);
                if (intact is not false) return intact is true;
            }
            logger.TriedAndFailed(MaxConnTries);
            return false;
        }
        finally
        {
            CloseQuietly(writeSocket);
            CloseQuietly(readSocket);
        }
    }

    /// <summary>R47.</summary>
    private async Task<Socket?> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _ports.Write), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // No timeout (R47): a cancellation is a signal, EINTR (R76).
            socket.Dispose();
            logger.ConnectFailed(MonitorSpec.ForwardHost, _ports.Write.ToString(CultureInfo.InvariantCulture),
                FailureReason(e, cancellationToken) ?? SocketErrorText.Interrupted);
            return null;
        }
    }

    /// <summary>R49: the read connection on wp+1.</summary>
    private async Task<Socket?> AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            Socket? listener;
            lock (_gate) listener = _listener;
            // Disposed: EBADF from poll(), as when the listener closes during the wait.
            ObjectDisposedException.ThrowIf(listener is null, this);
            Socket accepted = await WithTimeoutAsync(token => listener.AcceptAsync(token), cancellationToken).ConfigureAwait(false);
            try
            {
                accepted.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            }
            catch (SocketException)
            {
                // The peer may already be gone; the exchange will find out.
            }
            return accepted;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            if (FailureReason(e, cancellationToken) is not { } reason) logger.AcceptTimeout();
            else if (e is SocketException) logger.AcceptError(reason);
            else logger.AcceptPollError(reason); // EINTR (R76) or EBADF: ERR from poll(), in loop mode.
        }
        return null;
    }

    /// <summary>C conn_send_and_receive (R49). False: the next attempt may run; null: the test failed.</summary>
    private async Task<bool?> ExchangeAsync(Socket writeSocket, Socket readSocket, byte[] line, CancellationToken cancellationToken)
    {
        var received = new byte[line.Length];
        int count = 0;
        int wakeUps = 0;
        try
        {
            int sent = 0;
            while (sent < line.Length)
            {
                sent += await WithTimeoutAsync(token => writeSocket.SendAsync(line.AsMemory(sent), SocketFlags.None, token),
                    cancellationToken).ConfigureAwait(false);
            }
            if (await TooManyWakeUpsAsync().ConfigureAwait(false)) return null;

            while (count < line.Length)
            {
                int n = await WithTimeoutAsync(token => readSocket.ReceiveAsync(received.AsMemory(count), SocketFlags.None, token),
                    cancellationToken).ConfigureAwait(false);
                count += n;
                if (await TooManyWakeUpsAsync().ConfigureAwait(false)) return null;
                if (n == 0) break; // EOF: the short data fails the comparison.
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            if (FailureReason(e, cancellationToken) is { } reason)
            {
                logger.PollError(reason);
                return null;
            }
            logger.IoPollTimeout();
            return false;
        }

        if (received.AsSpan(0, count).SequenceEqual(line))
        {
            logger.ConnectionOk();
            return true;
        }
        // autossh prints what it sent first, then what came back, whatever the placeholder names say.
        // autossh prints its receive buffer as a C string.
        logger.NotWhatISent(Encoding.UTF8.GetString(line), ProcessName.CString(received.AsSpan(0, count)));
        return false;

        // C `if (loops++ > 5) { sleep(1); if (loops > 10) fail; }`, after every wake-up. A wake-up is a completed
        // send or receive here; autossh's poll() spinning on an error state surfaces as an exception.
        async Task<bool> TooManyWakeUpsAsync()
        {
            if (wakeUps++ <= QuietWakeUps) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken).ConfigureAwait(false);
            if (wakeUps <= MaxWakeUps) return false;
            logger.TooManyLoopsWithoutData();
            return true;
        }
    }

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_netTimeout, timeProvider);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        return await operation(wait.Token).ConfigureAwait(false);
    }

    /// <summary>autossh's errno text (R76); null for the timeout T.</summary>
    private static string? FailureReason(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => SocketErrorText.Interrupted,
        SocketException socketError => SocketErrorText.Of(socketError),
        ObjectDisposedException => SocketErrorText.BadDescriptor,
        _ => null,
    };

    /// <summary>As at the end of conn_test.</summary>
    private static void CloseQuietly(Socket? socket)
    {
        if (socket is null) return;
        try
        {
            if (socket.Connected) socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer: closing is all that is left.
        }
        socket.Dispose();
    }
}
