using SshKeep.Logging;
using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>An in-process <c>ssh -S PATH -W host:port</c> (docs/probes.md "The mux client").</summary>
internal static class MuxStdioForward
{
    /// <summary>One request per control connection, so any number does.</summary>
    private const uint RequestId = 1;

    /// <summary>To host:port as the server sees it; only <paramref name="stopping"/> throws.</summary>
    /// <param name="within">What <paramref name="deadline"/> allows, for the failure text.</param>
    public static Task<MuxStdioOpen> OpenAsync(string controlPath, string host, int port, TimeSpan within,
        CancellationToken deadline, CancellationToken stopping) =>
        OpenAsync(controlPath, host, port, client: null, within, deadline, stopping);

    /// <summary>With <paramref name="client"/> as the channel's stdin and stdout; the caller closes it
    /// (docs/held-ports.md). No deadline: as ssh's own -L waits for the server.</summary>
    public static Task<MuxStdioOpen> HandAsync(string controlPath, string host, int port, SafeSocketHandle client, CancellationToken stopping) =>
        OpenAsync(controlPath, host, port, client, Timeout.InfiniteTimeSpan, stopping, stopping);

    /// <summary>Null when the master's event loop answers in time, else why not.</summary>
    public static async Task<string?> HelloAsync(string controlPath, CancellationToken deadline)
    {
        var (control, failure) = await ConnectAsync(controlPath, deadline).ConfigureAwait(false);
        using (control)
        {
            if (failure is not null) return failure.Reason;
            try
            {
                SendAll(control!, MuxPacket.Hello(), deadline);
                return await ReadHelloAsync(control!, deadline).ConfigureAwait(false) is { } bad ? bad.Reason : null;
            }
            catch (OperationCanceledException)
            {
                return $"the control master at {controlPath} did not answer";
            }
            catch (SocketException e)
            {
                return $"control connection: {SocketErrorText.Of(e)}";
            }
        }
    }

    private static async Task<MuxStdioOpen> OpenAsync(string controlPath, string host, int port, SafeSocketHandle? client, TimeSpan within,
        CancellationToken deadline, CancellationToken stopping)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        stopping.ThrowIfCancellationRequested();

        Socket? control = null;
        SafeSocketHandle? ours = null;
        var awaitingServer = false;
        try
        {
            (control, var failure) = await ConnectAsync(controlPath, deadline).ConfigureAwait(false);
            if (failure is not null) return failure;

            // Before the master's hello is read (docs/probes.md).
            ours = SendHelloRequestAndDescriptors(control!, host, port, client, deadline);
            if (await ReadHelloAsync(control!, deadline).ConfigureAwait(false) is { } badHello) return badHello;
            awaitingServer = true;

            var reply = await ReceiveAsync(control!, deadline).ConfigureAwait(false);
            if (reply is null) return Fail(MuxOpenFailure.MasterClosed, "the control master closed the connection without an answer");
            if (reply.Malformed is not null) return Fail(MuxOpenFailure.Protocol, $"unreadable answer from the control master: {reply.Malformed}");
            if (reply.RequestId != RequestId && reply.Type != MuxMessageType.Hello)
                return Fail(MuxOpenFailure.Protocol, $"the control master answered request {reply.RequestId}, not {RequestId}");
            switch (reply.Type)
            {
                case MuxMessageType.SessionOpened:
                    var channel = new MuxStdioChannel(control!, ours);
                    control = null;
                    ours = null;
                    return new MuxStdioOpen.Opened(channel);
                case MuxMessageType.Failure:
                    return Fail(MuxOpenFailure.Refused, $"refused: {reply.Reason}");
                case MuxMessageType.PermissionDenied:
                    return Fail(MuxOpenFailure.Refused, $"permission denied: {reply.Reason}");
                default:
                    return Fail(MuxOpenFailure.Protocol, $"unexpected answer {MuxPacket.Hex(reply.Type)} from the control master");
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            var allowed = new DaemonDuration(within);
            return awaitingServer
                ? Fail(MuxOpenFailure.NoAnswer, $"no answer within {allowed}")
                : Fail(MuxOpenFailure.MasterSilent, $"the control master at {controlPath} did not answer within {allowed}");
        }
        catch (SocketException e)
        {
            return Fail(MuxOpenFailure.MasterClosed, $"control connection: {SocketErrorText.Of(e)}");
        }
        finally
        {
            ours?.Dispose();
            control?.Dispose();
        }
    }

    private static async Task<(Socket? Control, MuxStdioOpen.Failed? Failure)> ConnectAsync(string controlPath, CancellationToken deadline)
    {
        ArgumentException.ThrowIfNullOrEmpty(controlPath);
        UnixDomainSocketEndPoint endPoint;
        try
        {
            endPoint = new UnixDomainSocketEndPoint(controlPath);
        }
        catch (ArgumentException)
        {
            return (null, Fail(MuxOpenFailure.NoMaster, $"control path {controlPath} is too long for a Unix socket"));
        }

        var control = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            SocketError connected;
            try
            {
                connected = await QuietConnect.ConnectAsync(control, endPoint, deadline).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                connected = e.SocketErrorCode;
            }
            if (connected != SocketError.Success)
                return Refuse(Fail(MuxOpenFailure.NoMaster, $"no control master at {controlPath} ({ConnectErrorText(controlPath, connected)})"));
            // docs/security.md
            uint ownUid = LibC.geteuid();
            if (!PeerCredentials.TryRead(control, out var master) || master.Uid != ownUid)
                return Refuse(Fail(MuxOpenFailure.NotOurs,
                    $"the control socket {controlPath} is served by uid {master.Uid} (pid {master.Pid}), not by us (uid {ownUid}); not using it"));
            return (control, null);
        }
        catch
        {
            control.Dispose();
            throw;
        }

        (Socket?, MuxStdioOpen.Failed?) Refuse(MuxStdioOpen.Failed failure)
        {
            control.Dispose();
            return (null, failure);
        }
    }

    private static async Task<MuxStdioOpen.Failed?> ReadHelloAsync(Socket control, CancellationToken deadline)
    {
        var hello = await ReceiveAsync(control, deadline).ConfigureAwait(false);
        if (hello is null) return Fail(MuxOpenFailure.MasterClosed, "the control master closed the connection before its hello");
        if (hello.Malformed is not null) return Fail(MuxOpenFailure.Protocol, $"unreadable hello from the control master: {hello.Malformed}");
        if (hello.Type != MuxMessageType.Hello)
            return Fail(MuxOpenFailure.Protocol, $"the control master sent {MuxPacket.Hex(hello.Type)} instead of its hello");
        if (hello.Value != MuxPacket.ProtocolVersion)
            return Fail(MuxOpenFailure.Protocol, $"the control master speaks mux protocol {hello.Value}, not {MuxPacket.ProtocolVersion}");
        return null;
    }

    /// <summary>docs/probes.md "The mux client": who answers.</summary>
    private static string ConnectErrorText(string controlPath, SocketError error) =>
        error is SocketError.AddressNotAvailable or SocketError.ConnectionRefused
            ? LibC.StrError(Path.Exists(controlPath) ? LibC.ECONNREFUSED : LibC.ENOENT)
            : SocketErrorText.Of(error);

    private static MuxStdioOpen.Failed Fail(MuxOpenFailure kind, string reason) => new(kind, reason);

    /// <summary>Sends <paramref name="client"/>, or a fresh socketpair's far end, whose near end is returned.</summary>
    private static SafeSocketHandle? SendHelloRequestAndDescriptors(Socket control, string host, int port, SafeSocketHandle? client,
        CancellationToken cancellationToken)
    {
        SendAll(control, [.. MuxPacket.Hello(), .. MuxPacket.NewStdioForward(RequestId, host, port)], cancellationToken);
        var ours = client is null ? CreateSocketPair(out client) : null;
        var added = false;
        try
        {
            client.DangerousAddRef(ref added);
            SendDescriptor(control, (int)client.DangerousGetHandle(), cancellationToken);
            SendDescriptor(control, (int)client.DangerousGetHandle(), cancellationToken);
            return ours;
        }
        catch
        {
            ours?.Dispose();
            throw;
        }
        finally
        {
            if (added) client.DangerousRelease();
            if (ours is not null) client.Dispose();
        }
    }

    /// <summary>Bare handles: most probes only close our end.</summary>
    private static unsafe SafeSocketHandle CreateSocketPair(out SafeSocketHandle theirs)
    {
        int* fds = stackalloc int[2];
        if (LibC.socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, fds) != 0) throw new SocketException(Marshal.GetLastPInvokeError());
        theirs = new SafeSocketHandle(fds[1], ownsHandle: true);
        return new SafeSocketHandle(fds[0], ownsHandle: true);
    }

    private static void SendAll(Socket control, byte[] packet, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < packet.Length)
        {
            try
            {
                sent += control.Send(packet, sent, packet.Length - sent, SocketFlags.None);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                WaitWritable(control, cancellationToken);
            }
        }
    }

    /// <summary>As mm_send_fd.</summary>
    private static unsafe void SendDescriptor(Socket control, int fd, CancellationToken cancellationToken)
    {
        byte data = 0;
        var iov = new LibC.IoVec { Base = &data, Length = 1 };
        var cmsg = new LibC.CmsgOneFd
        {
            Length = LibC.CmsgOneFd.DataLength, Level = LibC.SOL_SOCKET, Type = LibC.SCM_RIGHTS, Fd = fd,
        };
        var message = new LibC.MsgHdr
        {
            Iov = &iov, IovLength = 1, Control = &cmsg, ControlLength = (nuint)sizeof(LibC.CmsgOneFd),
        };
        while (true)
        {
            var result = LibC.sendmsg(control.SafeHandle, &message, LibC.MSG_NOSIGNAL);
            if (result == 1) return;
            var errno = Marshal.GetLastPInvokeError();
            if (result == -1 && errno == LibC.EINTR) continue;
            if (result == -1 && errno == LibC.EAGAIN)
            {
                WaitWritable(control, cancellationToken);
                continue;
            }
            throw new SocketException(result == -1 ? errno : (int)SocketError.MessageSize);
        }
    }

    private static void WaitWritable(Socket control, CancellationToken cancellationToken)
    {
        while (!control.Poll(TimeSpan.FromMilliseconds(20), SelectMode.SelectWrite))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Null: the master closed the connection.</summary>
    private static async Task<MuxReply?> ReceiveAsync(Socket control, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        if (!await FillAsync(control, header, cancellationToken).ConfigureAwait(false)) return null;
        if (MuxPacket.PayloadLength(header) is not { } length)
            return new MuxReply(0, 0, 0, null, "a packet length of 0 or over 256 KiB");
        var payload = new byte[length];
        if (!await FillAsync(control, payload, cancellationToken).ConfigureAwait(false)) return null;
        return MuxPacket.Parse(payload);
    }

    private static async Task<bool> FillAsync(Socket control, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await control.ReceiveAsync(buffer[filled..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0) return false;
            filled += read;
        }
        return true;
    }
}
