using SshKeep.Config;
using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>The CLI's side of the control socket (docs/daemon.md "Control protocol").</summary>
internal sealed class ControlClient(TimeProvider time, TimeSpan? connectTimeout = null, TimeSpan? responseTimeout = null)
{
    /// <summary>A status answer for a thousand tunnels is about 400 KiB; anything beyond this is not an answer.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    private static readonly TimeSpan MaxConnectPause = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly TimeSpan _connectTimeout = connectTimeout ?? TimeSpan.FromSeconds(2);
    // A reload validates the whole file before it answers.
    private readonly TimeSpan _responseTimeout = responseTimeout ?? TimeSpan.FromSeconds(30);

    /// <param name="serviceUid">Also believe a daemon running as this uid: the account of a system
    /// unit whose run directory only root could have made (<c>Cli/DaemonSocket</c>).</param>
    public async Task<ControlCallResult> SendAsync(string socketPath, ControlRequest request, CancellationToken cancellationToken, uint? serviceUid = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        if (!FileStatus.TryGet(socketPath, out _, out int errno) && errno is LibC.ENOENT or LibC.ENOTDIR)
            return ControlCallResult.NoDaemon($"no control socket at \"{socketPath}\"");

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var failure = await ConnectAsync(socket, socketPath, cancellationToken);
        if (failure is not null) return failure;
        // In a run directory someone else could write, they could have put a fake daemon there (docs/security.md).
        uint ownUid = LibC.geteuid();
        if (!PeerCredentials.TryRead(socket, out var server))
            return ControlCallResult.Failed($"cannot tell who serves \"{socketPath}\"; not trusting it");
        if (!PeerCheck.Allows(server.Uid, ownUid) && server.Uid != serviceUid)
            return ControlCallResult.Failed($"\"{socketPath}\" is served by uid {server.Uid} (pid {server.Pid}), not by us (uid {ownUid}) or root; not trusting it");

        using var responseTimeout = new CancellationTokenSource(_responseTimeout, _time);
        using var exchange = CancellationTokenSource.CreateLinkedTokenSource(responseTimeout.Token, cancellationToken);
        var received = new ArrayBufferWriter<byte>(1024);
        try
        {
            byte[] line = System.Text.Encoding.UTF8.GetBytes(request.ToLine());
            try
            {
                await ControlServer.SendAllAsync(socket, line, exchange.Token);
            }
            catch (SocketException)
            {
                // A daemon that refuses at once (busy, forbidden) closes without reading the request:
                // EPIPE here, but its answer is still queued for us.
            }
            if (!await ControlServer.ReadLineAsync(socket, received, MaxResponseBytes, exchange.Token))
                return ControlCallResult.Failed($"the daemon's answer is longer than {MaxResponseBytes} bytes");
        }
        catch (OperationCanceledException) when (responseTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ControlCallResult.Failed($"no answer from the daemon within {ConfigText.Seconds(_responseTimeout.TotalSeconds)} s");
        }
        catch (SocketException e) when (received.WrittenCount == 0)
        {
            return ControlCallResult.Failed($"the daemon closed the connection without answering: {e.Message}");
        }
        catch (SocketException)
        {
            // Reset after part of an answer: parse what came; a cut answer fails below.
        }
        if (received.WrittenCount == 0)
            return ControlCallResult.Failed("the daemon closed the connection without answering (is it stopping?)");
        try
        {
            var response = JsonSerializer.Deserialize(received.WrittenSpan, DaemonJsonContext.Default.ControlResponse);
            return response is null
                ? ControlCallResult.Failed("the daemon's answer is not valid: null")
                : ControlCallResult.Answered(response);
        }
        catch (JsonException e)
        {
            return ControlCallResult.Failed($"the daemon's answer is not valid: {e.Message}");
        }
    }

    /// <summary>A full listen backlog makes a Unix-socket connect fail at once with EAGAIN (Linux): retried.</summary>
    private async Task<ControlCallResult?> ConnectAsync(Socket socket, string socketPath, CancellationToken cancellationToken)
    {
        using var connectTimeout = new CancellationTokenSource(_connectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(connectTimeout.Token, cancellationToken);
        var endPoint = new UnixDomainSocketEndPoint(socketPath);
        var pause = TimeSpan.FromMilliseconds(5);
        try
        {
            while (true)
            {
                try
                {
                    await socket.ConnectAsync(endPoint, linked.Token);
                    return null;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TryAgain)
                {
                    await Task.Delay(pause, _time, linked.Token);
                    pause = pause * 2 > MaxConnectPause ? MaxConnectPause : pause * 2;
                }
            }
        }
        catch (OperationCanceledException) when (connectTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ControlCallResult.Failed(
                $"the daemon did not accept a connection on \"{socketPath}\" within {ConfigText.Seconds(_connectTimeout.TotalSeconds)} s");
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode switch
            {
                // A socket file nobody listens on: its daemon was killed (SIGKILL, a crash).
                SocketError.ConnectionRefused => ControlCallResult.NoDaemon($"nothing listens on \"{socketPath}\" (left by a daemon that ended without cleaning up)"),
                // The file went away between our look and the connect.
                SocketError.AddressNotAvailable => ControlCallResult.NoDaemon($"no control socket at \"{socketPath}\""),
                SocketError.AccessDenied => ControlCallResult.Failed($"permission denied on \"{socketPath}\": the daemon runs as another user"),
                _ => ControlCallResult.Failed($"cannot connect to \"{socketPath}\": {e.Message}"),
            };
        }
    }
}
