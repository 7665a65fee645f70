using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>
/// autossh 1.4g's connection test (<c>conn_test</c>, spec R46–R52) for loop mode (<c>-M wp</c>:
/// the test line goes out on 127.0.0.1:wp and must come back on our listener at wp+1) and echo mode
/// (<c>-M wp:ep</c>: the line must come back on the same connection).
/// </summary>
/// <remarks>
/// Each wait (accept, send, every receive) is bounded by the network timeout T; connect has none (R47).
/// Cancellation is a signal during a test (R76). Deliberate differences: docs/compatibility.md.
/// </remarks>
/// <param name="spec">Loop or echo; <see cref="MonitorSpec.Off"/> has no test (R55) and is refused.</param>
/// <param name="netTimeoutMilliseconds">T (R52): 15000, or poll×500 when poll &lt; 30.</param>
/// <param name="nodeName">uname's nodename; null reads it with gethostname (not
/// <see cref="Environment.MachineName"/>, which is cut at the first dot).</param>
internal sealed class AutosshMonitor(MonitorSpec spec, string programName, int ownPid, string message,
    int netTimeoutMilliseconds, ILogger logger, TimeProvider timeProvider, Random random, string? nodeName = null)
    : IConnectionMonitor
{
    /// <summary>C MAX_CONN_TRIES: the loop runs three passes, the third only gives up (R49: at most 2 attempts).</summary>
    private const int MaxConnTries = 3;

    /// <summary>C wbuf: 64 + sizeof(utsname.nodename) + MAX_MESSAGE bytes, NUL included (R48).</summary>
    private const int TestLineBufferSize = 64 + 65 + 64;

    /// <summary>Black-hole guard (R49 5.6): after this many wake-ups each one waits a second…</summary>
    private const int QuietWakeUps = 5;

    /// <summary>…and after this many the test fails with "too many loops without data".</summary>
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

    /// <summary>Prepares the monitor; call once. Loop mode listens on 127.0.0.1:wp+1 (R46). Returns null, or
    /// autossh's fatal message (<c>bind on 127.0.0.1:20001: Address already in use</c>) for the caller to log (R86).</summary>
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

    /// <summary>Closes the listener. A running test then fails.</summary>
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

    /// <summary>The test line (R48): <c>nodename progname pid random message\r\n</c>, with a space
    /// before <c>\r\n</c> even when the message is empty.</summary>
    internal string BuildTestLine(long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{_nodeName} {programName} {ownPid} {id} {message}\r\n");

    private string? OpenListener(out Socket? listener)
    {
        listener = null;
        Socket socket;
        try
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            return $"socket: {SocketErrorText.Of(e)}";
        }

        string step = "setsockopt";
        try
        {
            SetReuseAddress(socket);
            step = string.Create(CultureInfo.InvariantCulture, $"bind on {MonitorSpec.ForwardHost}:{_ports.Read}");
            socket.Bind(new IPEndPoint(IPAddress.Loopback, _ports.Read));
            step = "listen";
            socket.Listen(1); // R46: backlog 1, as autossh.
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return $"{step}: {SocketErrorText.Of(e)}";
        }
        // .NET sockets are close-on-exec already, so ssh does not inherit the listener (R46).
        listener = socket;
        return null;
    }

    /// <summary>SO_REUSEADDR only, set raw (Linux's numbers): .NET's ReuseAddress adds SO_REUSEPORT, which would let
    /// a second sshkeep share wp+1 instead of failing with "Address already in use" as autossh does (R46).</summary>
    private static void SetReuseAddress(Socket socket) =>
        socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));

    /// <summary>One test (R49), never two at once (the supervisor waits for each). True when the line came back
    /// intact. Failures are logged as autossh logs them and return false; so does cancellation (R76).</summary>
    public async Task<bool> TestAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_opened) throw new InvalidOperationException("Call Open() before the first test.");
        }

        // R48: drawn once per test, so the second attempt sends the same line. Non-negative, < 2^31.
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
                    // R49 3.1–3.3: drop the previous attempt's read connection, accept a new one.
                    // The ssh loop makes one connection per write connection, so on a second attempt
                    // this normally times out: a failing loop-mode test ends with the accept timeout.
                    CloseQuietly(readSocket);
                    readSocket = await AcceptAsync(cancellationToken).ConfigureAwait(false);
                    if (readSocket is null) return false;
                }

                // A mismatch or a timeout leaves the next attempt to run.
                var intact = await ExchangeAsync(writeSocket, readSocket ?? writeSocket, line, cancellationToken)
                    .ConfigureAwait(false);
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

    /// <summary>R47: a new connection to 127.0.0.1:wp; refused → INFO "127.0.0.1:wp: reason", fail at once.</summary>
    private async Task<Socket?> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _ports.Write), cancellationToken)
                .ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Connect has no timeout (R47): a cancellation is a signal, connect() returning EINTR (R76).
            socket.Dispose();
            logger.ConnectFailed(MonitorSpec.ForwardHost, _ports.Write.ToString(CultureInfo.InvariantCulture),
                FailureReason(e, cancellationToken) ?? SocketErrorText.Interrupted);
            return null;
        }
    }

    /// <summary>R49 3.2: wait up to T for the read connection on wp+1.</summary>
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

    /// <summary>R49 step 5 (C conn_send_and_receive): write the whole line, read back as many bytes (on the same socket
    /// in echo mode), each step logged. True: the line came back intact; false: it came back different or short (EOF),
    /// or a wait ran past T, and the next attempt may run; null: an I/O error, a signal (R76) or the black-hole guard.</summary>
    private async Task<bool?> ExchangeAsync(Socket writeSocket, Socket readSocket, byte[] line,
        CancellationToken cancellationToken)
    {
        var received = new byte[line.Length];
        int count = 0;
        int wakeUps = 0;
        try
        {
            int sent = 0;
            while (sent < line.Length)
            {
                sent += await WithTimeoutAsync(
                    token => writeSocket.SendAsync(line.AsMemory(sent), SocketFlags.None, token),
                    cancellationToken).ConfigureAwait(false);
            }
            if (await TooManyWakeUpsAsync().ConfigureAwait(false)) return null;

            while (count < line.Length)
            {
                int n = await WithTimeoutAsync(
                    token => readSocket.ReceiveAsync(received.AsMemory(count), SocketFlags.None, token),
                    cancellationToken).ConfigureAwait(false);
                count += n;
                // autossh runs its guard after every wake-up, even the last one.
                if (await TooManyWakeUpsAsync().ConfigureAwait(false)) return null;
                if (n == 0) break; // EOF: the short data fails the comparison (R49 5.5).
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
        logger.NotWhatISent(Encoding.UTF8.GetString(line), AsCString(received.AsSpan(0, count)));
        return false;

        // R49 5.6, C `if (loops++ > 5) { sleep(1); if (loops > 10) fail; }`. With async sockets a
        // wake-up is a completed send or receive, so only a peer that dribbles the line byte by
        // byte gets here; autossh's poll() spinning on an error state surfaces as an exception.
        async Task<bool> TooManyWakeUpsAsync()
        {
            if (wakeUps++ <= QuietWakeUps) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken).ConfigureAwait(false);
            if (wakeUps <= MaxWakeUps) return false;
            logger.TooManyLoopsWithoutData();
            return true;
        }
    }

    /// <summary>Runs one socket wait, cancelled after T or by the caller.</summary>
    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, ValueTask<T>> operation,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_netTimeout, timeProvider);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        return await operation(wait.Token).ConfigureAwait(false);
    }

    /// <summary>The errno text autossh would log for a failed socket wait: EINTR for a signal (R76), EBADF
    /// for a closed socket; null for the network timeout T.</summary>
    private static string? FailureReason(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => SocketErrorText.Interrupted,
        SocketException socketError => SocketErrorText.Of(socketError),
        ObjectDisposedException => SocketErrorText.BadDescriptor,
        _ => null,
    };

    /// <summary>How autossh prints its receive buffer: as a C string, up to the first NUL.</summary>
    private static string AsCString(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul < 0 ? bytes : bytes[..nul]);
    }

    /// <summary>shutdown(SHUT_RDWR) and close, as at the end of conn_test (R49 step 8).</summary>
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
