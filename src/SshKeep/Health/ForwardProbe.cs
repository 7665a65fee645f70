using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>
/// The end-to-end probe of one forward of a daemon tunnel (what each kind proves is
/// in docs/probes.md). The tunnel's ssh runs as its own ControlMaster on a ControlPath sshkeep owns,
/// and the probe reaches through the session with <see cref="MuxStdioForward"/>:
/// <list type="bullet">
/// <item><b>-L</b>: open a channel to the forward's target through the session (the server connects
/// to it, as it does for every -L connection), then connect to the local listener (ssh still
/// listens), then, when the forward has a send/expect or HTTP exchange, run it through the local
/// listener: the path a user's connection takes.</item>
/// <item><b>-R</b>: open a channel to the server's own listener for the forward (127.0.0.1:port, or
/// the bind address first), which the server relays back through the session to ssh and on to the
/// local target; run the exchange, if any, over that channel.</item>
/// <item><b>-D</b>: connect to the local SOCKS listener and do the SOCKS5 greeting, which ssh answers
/// itself: there is no target to open, so the session is left to ServerAliveInterval.</item>
/// </list>
/// One timeout bounds the whole probe; a failure is one line naming the step
/// (<c>session: no answer within 3s</c>, <c>local listener 127.0.0.1:15432: Connection refused</c>,
/// <c>exchange: expected "+PONG", got "-ERR…"</c>).
/// </summary>
/// <remarks>
/// Stateless between calls: probes of several forwards (or tunnels) may run at once on one
/// instance. Local TCP sockets get <see cref="TcpKeepAlive"/>. Every socket and channel is closed
/// before <see cref="RunAsync"/> returns, on every path.
/// </remarks>
internal sealed class ForwardProbe
{
    /// <summary>What ssh's SOCKS5 listener answers to a greeting offering "no authentication": version 5, method 0.</summary>
    private static readonly ProbeExchange SocksGreeting = new("\u0005\u0001\u0000", "\u0005\u0000", null);

    private readonly TimeProvider _time;
    private readonly TcpKeepAliveSettings _keepAlive;

    public ForwardProbe(TimeProvider timeProvider, TcpKeepAliveSettings? keepAlive = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _keepAlive = keepAlive ?? TcpKeepAliveSettings.ShortLived;
    }

    /// <summary>
    /// Probes <paramref name="forward"/> of the ssh whose ControlPath is <paramref name="controlPath"/>
    /// within <paramref name="timeout"/> (the tunnel's probe_timeout). Failures are results, never
    /// exceptions; cancelling <paramref name="cancellationToken"/> (the tunnel stopping) throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<ProbeResult> RunAsync(ForwardSpec forward, string controlPath, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(forward, controlPath, timeout, connectListener: true, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(ForwardSpec, string, TimeSpan, CancellationToken)"/>; with
    /// <paramref name="connectListener"/> false, a -L forward without an exchange is proved by the
    /// channel through the session alone, without the connect to ssh's local listener (the probe
    /// loop still makes it every few rounds: <c>ProbeSchedule.ChecksListeners</c>). -D and forwards
    /// with an exchange always go through the listener: it is their whole check.
    /// </summary>
    public async Task<ProbeResult> RunAsync(ForwardSpec forward, string controlPath, TimeSpan timeout, bool connectListener,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentException.ThrowIfNullOrEmpty(controlPath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var run = new Run(this, controlPath, timeout, started, probe.Token, cancellationToken);
        var failure = forward.Kind switch
        {
            ForwardKind.Local => await LocalAsync(forward, connectListener, run).ConfigureAwait(false),
            ForwardKind.Remote => await RemoteAsync(forward, run).ConfigureAwait(false),
            _ => await DynamicAsync(forward, run).ConfigureAwait(false),
        };
        return new ProbeResult(forward, failure is null, _time.GetElapsedTime(started), failure);
    }

    private static async Task<string?> LocalAsync(ForwardSpec forward, bool connectListener, Run run)
    {
        var host = forward.TargetHost!;
        var port = forward.TargetPort!.Value;
        var open = await run.OpenThroughSessionAsync(host, port, $"target {Endpoint(host, port)} (from the server)").ConfigureAwait(false);
        if (open is MuxStdioOpen.Failed failed) return run.Explain(failed, $"target {Endpoint(host, port)} (from the server)");
        await ((MuxStdioOpen.Opened)open).Channel.DisposeAsync().ConfigureAwait(false);

        if (!connectListener && forward.Probe.IsConnectOnly) return null;
        return await run.ThroughLocalListenerAsync(forward, forward.Probe, ProbeReply.HostHeader(host, port), "exchange").ConfigureAwait(false);
    }

    private static async Task<string?> RemoteAsync(ForwardSpec forward, Run run)
    {
        string? refusal = null;
        foreach (var host in ProbeTargets.RemoteListenerHosts(forward))
        {
            var step = $"remote listener {Endpoint(host, forward.BindPort)} (on the server)";
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

    /// <summary>
    /// -D has no target to open through the session (the user names one per connection), so the
    /// probe proves what it can locally: ssh accepts on the listener and its event loop answers the
    /// SOCKS5 greeting. A frozen session still answers this; ServerAliveInterval covers the session.
    /// </summary>
    private static Task<string?> DynamicAsync(ForwardSpec forward, Run run) =>
        run.ThroughLocalListenerAsync(forward, SocksGreeting, "", "socks");

    private static string Endpoint(string host, int port) =>
        (host.Contains(':') ? $"[{host}]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>One call of <see cref="RunAsync"/>: its deadline, and the steps that share it.</summary>
    private sealed class Run(ForwardProbe owner, string controlPath, TimeSpan timeout, long started,
        CancellationToken probe, CancellationToken stopping)
    {
        private string Within => new DaemonDuration(timeout).ToString();

        /// <summary>A stdio forward with what is left of the probe's time.</summary>
        public async Task<MuxStdioOpen> OpenThroughSessionAsync(string host, int port, string step)
        {
            var left = timeout - owner._time.GetElapsedTime(started);
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

        /// <summary>Connects to the forward's local listener and runs <paramref name="exchange"/> (if any) over it.</summary>
        public async Task<string?> ThroughLocalListenerAsync(ForwardSpec forward, ProbeExchange exchange, string host, string exchangeStep)
        {
            var address = ProbeTargets.LocalListener(forward);
            var listener = new IPEndPoint(address, forward.BindPort);
            var step = $"local listener {listener}";
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                TcpKeepAlive.Apply(socket, owner._keepAlive);
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
