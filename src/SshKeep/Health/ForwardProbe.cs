using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>One forward's end-to-end probe through the ControlMaster (docs/probes.md); failures are results; stateless.</summary>
internal sealed class ForwardProbe(TimeProvider time)
{
    /// <summary>SOCKS5 "no authentication" offered and accepted.</summary>
    private static readonly ProbeExchange SocksGreeting = new("\u0005\u0001\u0000", "\u0005\u0000", null);

    /// <summary>Only <paramref name="cancellationToken"/> (the tunnel stopping) throws. Without
    /// <paramref name="connectListener"/> a connect-only -L is proved by the session alone; a <paramref name="held"/> port
    /// has no listener of ssh's, so its exchange runs over the channel (docs/probes.md).</summary>
    public async Task<ProbeResult> RunAsync(ForwardSpec forward, string controlPath, TimeSpan timeout, bool connectListener,
        CancellationToken cancellationToken, bool held = false)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentException.ThrowIfNullOrEmpty(controlPath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var run = new Run(time, controlPath, timeout, started, probe.Token, cancellationToken);
        var failure = forward.Kind switch
        {
            ForwardKind.Local => await LocalAsync(forward, connectListener, held, run).ConfigureAwait(false),
            ForwardKind.Remote => await RemoteAsync(forward, run).ConfigureAwait(false),
            _ when held => await HelloAsync(controlPath, run, cancellationToken).ConfigureAwait(false),
            _ => await DynamicAsync(forward, run).ConfigureAwait(false),
        };
        return new ProbeResult(forward, failure is null, time.GetElapsedTime(started), failure);
    }

    private static async Task<string?> LocalAsync(ForwardSpec forward, bool connectListener, bool held, Run run)
    {
        var host = forward.TargetHost!;
        var port = forward.TargetPort!.Value;
        var step = $"target {HostSyntax.Endpoint(host, port)} (from the server)";
        var open = await run.OpenThroughSessionAsync(host, port, step).ConfigureAwait(false);
        if (open is MuxStdioOpen.Failed failed) return run.Explain(failed, step);
        await using (var channel = ((MuxStdioOpen.Opened)open).Channel)
        {
            if (held && !forward.Probe.IsConnectOnly)
            {
                return await run.ExchangeAsync(channel.Stream, forward.Probe, ProbeReply.HostHeader(host, port), "exchange").ConfigureAwait(false);
            }
        }

        if (held || (!connectListener && forward.Probe.IsConnectOnly)) return null;
        return await run.ThroughLocalListenerAsync(forward, forward.Probe, ProbeReply.HostHeader(host, port), "exchange").ConfigureAwait(false);
    }

    private static async Task<string?> RemoteAsync(ForwardSpec forward, Run run)
    {
        string? refusal = null;
        foreach (var host in RemoteListenerHosts(forward))
        {
            var step = $"remote listener {HostSyntax.Endpoint(host, forward.BindPort)} (on the server)";
            var open = await run.OpenThroughSessionAsync(host, forward.BindPort, step).ConfigureAwait(false);
            if (open is MuxStdioOpen.Failed failed)
            {
                // Only a refusal is worth a second address; anything else is about ssh or the session.
                if (failed.Kind != MuxOpenFailure.Refused) return run.Explain(failed, step);
                refusal = refusal is null ? run.Explain(failed, step) : $"{refusal}; {run.Explain(failed, step)}";
                continue;
            }
            await using var channel = ((MuxStdioOpen.Opened)open).Channel;
            if (forward.Probe.IsConnectOnly) return null;
            return await run.ExchangeAsync(channel.Stream, forward.Probe,
                ProbeReply.HostHeader(forward.TargetHost!, forward.TargetPort!.Value), "exchange").ConfigureAwait(false);
        }
        return refusal;
    }

    private static async Task<string?> HelloAsync(string controlPath, Run run, CancellationToken stopping)
    {
        var silent = await MuxStdioForward.HelloAsync(controlPath, run.Deadline).ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
        return silent is null ? null : $"ssh: {silent}";
    }

    private static Task<string?> DynamicAsync(ForwardSpec forward, Run run) =>
        run.ThroughLocalListenerAsync(forward, SocksGreeting, "", "socks");

    /// <summary>Where a probe reaches a -L/-D listener: loopback for no bind, a wildcard or a host name (not resolved in
    /// the probe's path); else the address.</summary>
    public static IPAddress LocalListener(ForwardSpec forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        return forward.BindAddress switch
        {
            null or "" or "localhost" or "*" or "0.0.0.0" => IPAddress.Loopback,
            var text when IPAddress.TryParse(text, out var parsed) => parsed.Equals(IPAddress.Any) ? IPAddress.Loopback
                : parsed.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : parsed,
            _ => IPAddress.Loopback,
        };
    }

    /// <summary>A specific bind, then 127.0.0.1: GatewayPorts decides (docs/probes.md, "Side effects and limits").</summary>
    public static IReadOnlyList<string> RemoteListenerHosts(ForwardSpec forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        const string loopback = "127.0.0.1";
        return forward.BindAddress switch
        {
            null or "" or "localhost" or "*" or "0.0.0.0" or "::" or loopback => [loopback],
            var specific => [specific, loopback],
        };
    }

    /// <summary>Set before connect, which Linux keeps it across (docs/probes.md, "Side effects and limits").</summary>
    internal static void ApplyKeepAlive(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
    }

    private sealed class Run(TimeProvider time, string controlPath, TimeSpan timeout, long started,
        CancellationToken probe, CancellationToken stopping)
    {
        private string Within => new DaemonDuration(timeout).ToString();

        public CancellationToken Deadline => probe;

        public async Task<MuxStdioOpen> OpenThroughSessionAsync(string host, int port, string step)
        {
            var left = timeout - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return new MuxStdioOpen.Failed(MuxOpenFailure.NoAnswer, $"no time left for {step}");
            return await MuxStdioForward.OpenAsync(controlPath, host, port, left, probe, stopping).ConfigureAwait(false);
        }

        /// <summary>A failed open as a probe failure: timeouts are told with the probe's whole timeout.</summary>
        public string Explain(MuxStdioOpen.Failed failed, string step) => failed.Kind switch
        {
            MuxOpenFailure.NoAnswer => $"session: no answer within {Within}",
            MuxOpenFailure.MasterSilent => $"ssh: the control master at {controlPath} did not answer within {Within}",
            MuxOpenFailure.Refused => $"{step}: {failed.Reason}",
            _ => $"ssh: {failed.Reason}",
        };

        public async Task<string?> ThroughLocalListenerAsync(ForwardSpec forward, ProbeExchange exchange, string host, string exchangeStep)
        {
            var address = LocalListener(forward);
            var listener = new IPEndPoint(address, forward.BindPort);
            var step = $"local listener {listener}";
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                ApplyKeepAlive(socket);
                var error = await QuietConnect.ConnectAsync(socket, listener, probe).ConfigureAwait(false);
                if (error != SocketError.Success) return $"{step}: {SocketErrorText.Of(error)}";
            }
            catch (SocketException e)
            {
                return $"{step}: {SocketErrorText.Of(e)}";
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return $"{step}: no answer within {Within}";
            }
            if (exchange.IsConnectOnly) return null;
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            return await ExchangeAsync(stream, exchange, host, exchangeStep).ConfigureAwait(false);
        }

        public async Task<string?> ExchangeAsync(Stream stream, ProbeExchange exchange, string host, string step)
        {
            var conversation = new ProbeConversation(exchange, host);
            try
            {
                var failure = await conversation.RunAsync(stream, probe).ConfigureAwait(false);
                return failure is null ? null : $"{step}: {failure}";
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return $"{step}: {conversation.TimedOut(Within)}";
            }
        }
    }
}
