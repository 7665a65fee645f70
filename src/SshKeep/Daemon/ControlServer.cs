using System.Text.Unicode;
using SshKeep.Config;
using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>The control socket (docs/daemon.md "Control protocol", "Run directory"): each connection is served
/// on its own, so one slow client delays no one.</summary>
internal sealed class ControlServer : IAsyncDisposable
{
    /// <summary>sun_path holds 108 bytes including the terminating NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int ChunkBytes = 4096;

    private readonly Socket _listener;
    private readonly ControlServerOptions _options;
    private readonly IControlHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly uint _ownUid;
    private readonly FileStatus _socketFile;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly HashSet<Task> _connections = [];

    /// <summary>Connections still waiting for their request line, oldest first (under <see cref="_gate"/>).</summary>
    private readonly LinkedList<CancellationTokenSource> _reading = [];
    private Task _acceptLoop = Task.CompletedTask;
    private int _active;
    private int _disposed;

    private ControlServer(Socket listener, ControlServerOptions options, IControlHandler handler, TimeProvider time, ILogger logger, uint ownUid, FileStatus socketFile)
    {
        _listener = listener;
        _options = options;
        _handler = handler;
        _time = time;
        _logger = logger;
        _ownUid = ownUid;
        _socketFile = socketFile;
    }

    public string SocketPath => _options.SocketPath;

    /// <summary><paramref name="heldLock"/> proves that we are the instance's daemon, so a stale socket file may go.</summary>
    public static bool TryStart(ControlServerOptions options, InstanceLock heldLock, IControlHandler handler, TimeProvider time, ILogger logger,
        [NotNullWhen(true)] out ControlServer? server, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(heldLock);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (!heldLock.IsHeld) throw new InvalidOperationException("The control socket needs the instance lock, and it was released.");
        if (options.MaxRequestBytes <= 0 || options.MaxConnections <= 0) throw new ArgumentOutOfRangeException(nameof(options));
        server = null;
        string path = options.SocketPath;
        error = StaleSocketProblem(path);
        if (error is not null) return false;

        uint ownUid = LibC.geteuid();
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bool bound = false;
        try
        {
            // The mode is set before bind, which creates the file with it: no chmod by path, which a
            // symlink swapped in after bind would redirect (docs/security.md).
            if (LibC.fchmod(listener.SafeHandle, (uint)OwnerReadWrite) != 0)
                throw new IOException(LibC.StrError(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()));
            listener.Bind(new UnixDomainSocketEndPoint(path));
            bound = true;
            options.AfterBind?.Invoke(path);
            if (!FileStatus.TryGet(path, out var socketFile, out int errno))
                throw new IOException(LibC.StrError(errno));
            if (!socketFile.IsSocket || socketFile.Uid != ownUid)
                throw new IOException("the path was replaced while the socket was being created");
            if (socketFile.Permissions != (uint)OwnerReadWrite)
                throw new IOException($"the socket was created with mode {Convert.ToString(socketFile.Permissions, 8)}, not 600: the umask takes the owner's own rights; use a umask such as 022 or 077");
            // The kernel's maximum (somaxconn): a burst of status calls queues instead of failing.
            listener.Listen();
            server = new ControlServer(listener, options, handler, time, logger, ownUid, socketFile);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            listener.Dispose();
            // Ours: we made it. Anything else there now is not ours to remove.
            if (bound && FileStatus.TryGet(path, out var left, out _) && left.IsSocket && left.Uid == ownUid) LibC.unlink(path);
            error = $"cannot create control socket \"{path}\": {e.Message}";
            return false;
        }
        server._acceptLoop = Task.Run(server.AcceptLoopAsync);
        ControlLog.ControlListening(logger, path);
        error = null;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        Task[] pending;
        lock (_gate) pending = [.. _connections];
        // A handler that ignores cancellation is left behind; its connection dies with the process.
        await Task.WhenAll(pending).WaitAsync(_options.DrainTimeout, _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (FileStatus.TryGet(SocketPath, out var named, out _) && named.SameFileAs(_socketFile)) LibC.unlink(SocketPath);
        ControlLog.ControlStopped(_logger, SocketPath);
    }

    /// <summary>Null when <paramref name="path"/> is free for the socket, or a stale one was removed.</summary>
    private static string? StaleSocketProblem(string path)
    {
        int bytes = Encoding.UTF8.GetByteCount(path);
        if (bytes > MaxSocketPathBytes)
            return $"control socket path \"{path}\" is {bytes} bytes, more than the {MaxSocketPathBytes} a Unix socket allows; choose a shorter --run-dir";
        if (!FileStatus.TryGet(path, out var existing, out int errno))
            return errno == LibC.ENOENT ? null : $"cannot create control socket \"{path}\": {LibC.StrError(errno)}";
        // Only what a daemon could have left (a socket) or a link: never a file someone put there.
        if (!existing.IsSocket && !existing.IsSymbolicLink)
            return $"cannot create control socket \"{path}\": something else is there (not a socket); remove it";
        return LibC.unlink(path) == 0 ? null
            : $"cannot remove the stale control socket \"{path}\": {LibC.StrError(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}";
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                ControlLog.ControlAcceptFailed(_logger, e.Message);
                // Out of file descriptors, typically: do not spin; try again in a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, _stopping.Token)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            Track(ServeAsync(client));
        }
    }

    private void Track(Task connection)
    {
        lock (_gate) _connections.Add(connection);
        connection.ContinueWith(done =>
        {
            lock (_gate) _connections.Remove(done);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                if (!PeerCredentials.TryRead(client, out var peer)) return;
                if (!PeerCheck.Allows(peer.Uid, _ownUid))
                {
                    ControlLog.ControlPeerRefused(_logger, peer.Pid, peer.Uid, _ownUid);
                    await SendAsync(client, peer, ControlResponse.Failure(ControlErrors.Forbidden,
                        $"uid {peer.Uid} may not control this sshkeep: it runs as uid {_ownUid}, and only that uid and root may"));
                    return;
                }
                if (Interlocked.Increment(ref _active) > _options.MaxConnections && !EvictOldestReader())
                {
                    Interlocked.Decrement(ref _active);
                    ControlLog.ControlBusy(_logger, _options.MaxConnections, peer.Pid);
                    await SendAsync(client, peer, ControlResponse.Failure(ControlErrors.Busy,
                        $"more than {_options.MaxConnections} control connections at once; try again"));
                    return;
                }
                try
                {
                    await ServeAllowedAsync(client, peer);
                }
                finally
                {
                    Interlocked.Decrement(ref _active);
                }
            }
            catch (Exception e)
            {
                // Nothing a client does may take the daemon down.
                ControlLog.ControlConnectionLost(_logger, 0, e.Message);
            }
        }
    }

    /// <summary>Makes room by ending the connection that has waited longest for its request line;
    /// false when every connection is past reading (handling or answering a request).</summary>
    private bool EvictOldestReader()
    {
        CancellationTokenSource? oldest;
        lock (_gate)
        {
            oldest = _reading.First?.Value;
            if (oldest is not null) _reading.RemoveFirst();
        }
        if (oldest is null) return false;
        try
        {
            oldest.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It finished reading meanwhile; its slot is being freed anyway.
        }
        return true;
    }

    private async Task ServeAllowedAsync(Socket client, PeerCredentials peer)
    {
        var (line, failure) = await ReadLineAsync(client, peer);
        ControlRequest? request = null;
        if (line is not null && !ControlRequestParser.TryParse(line, out request, out var parseFailure)) failure = parseFailure;
        if (failure is not null)
        {
            ControlLog.ControlRequestRejected(_logger, peer.Pid, failure.Error!, failure.Message!);
            await SendAsync(client, peer, failure);
            return;
        }
        if (request is null) return;
        ControlLog.ControlRequestReceived(_logger, request.LogLevel, request.ToString(), peer.Pid, peer.Uid);
        ControlResponse response;
        try
        {
            response = await _handler.HandleAsync(request, _stopping.Token)
                ?? throw new InvalidOperationException("The control handler answered null.");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            ControlLog.ControlHandlerFailed(_logger, request.ToString(), e);
            response = ControlResponse.Failure(ControlErrors.Internal, $"{request} failed inside sshkeep: {e.Message}");
        }
        await SendAsync(client, peer, response);
    }

    /// <summary>Neither a line nor a failure when the connection is gone or the server is stopping.</summary>
    private async Task<(string? Line, ControlResponse? Failure)> ReadLineAsync(Socket client, PeerCredentials peer)
    {
        using var timeout = new CancellationTokenSource(_options.ReadTimeout, _time);
        using var evicted = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token, evicted.Token);
        LinkedListNode<CancellationTokenSource> waiting;
        lock (_gate) waiting = _reading.AddLast(evicted);
        var received = new ArrayBufferWriter<byte>(256);
        try
        {
            if (!await ReadLineAsync(client, received, _options.MaxRequestBytes, linked.Token))
            {
                return (null, ControlResponse.Failure(ControlErrors.TooLarge,
                    $"request longer than {_options.MaxRequestBytes} bytes; a request is one short line"));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            return (null, ControlResponse.Failure(ControlErrors.Timeout,
                $"no request line within {ConfigText.Seconds(_options.ReadTimeout.TotalSeconds)} s of connecting"));
        }
        catch (OperationCanceledException) when (evicted.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            return (null, ControlResponse.Failure(ControlErrors.Busy,
                $"more than {_options.MaxConnections} control connections at once, and this one had not sent its request line; try again"));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            ControlLog.ControlConnectionLost(_logger, peer.Pid, e.Message);
            return (null, null);
        }
        finally
        {
            lock (_gate)
            {
                if (waiting.List is not null) _reading.Remove(waiting);
            }
        }
        return Utf8.IsValid(received.WrittenSpan)
            ? (Encoding.UTF8.GetString(received.WrittenSpan), null)
            : (null, ControlResponse.Failure(ControlErrors.BadRequest, "request is not UTF-8 text"));
    }

    private async Task SendAsync(Socket client, PeerCredentials peer, ControlResponse response)
    {
        byte[] answer = DaemonJsonContext.ToUtf8(response, DaemonJsonContext.Default.ControlResponse, indented: false);
        // Not tied to _stopping: the answer to "stop" must still go out while the daemon stops.
        using var timeout = new CancellationTokenSource(_options.WriteTimeout, _time);
        try
        {
            await SendAllAsync(client, answer, timeout.Token);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            ControlLog.ControlConnectionLost(_logger, peer.Pid, e.Message);
        }
    }

    /// <summary>Reads up to the first newline (not kept) or the peer's close; false when the line would pass
    /// <paramref name="maxBytes"/>. The client reads the answer in the same way.</summary>
    internal static async Task<bool> ReadLineAsync(Socket socket, ArrayBufferWriter<byte> line, int maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var memory = line.GetMemory(ChunkBytes);
            int count = await socket.ReceiveAsync(memory, SocketFlags.None, cancellationToken);
            if (count == 0) return true;
            int newline = memory.Span[..count].IndexOf((byte)'\n');
            int kept = newline < 0 ? count : newline;
            if (line.WrittenCount + kept > maxBytes) return false;
            line.Advance(kept);
            if (newline >= 0) return true;
        }
    }

    internal static async Task SendAllAsync(Socket socket, byte[] bytes, CancellationToken cancellationToken)
    {
        for (int sent = 0; sent < bytes.Length;)
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancellationToken);
    }
}
