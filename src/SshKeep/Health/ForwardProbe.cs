using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>
/// The end-to-end probe of one forward of a daemon tunnel, through the tunnel's own ControlMaster
/// with <see cref="MuxStdioForward"/>: what each kind does and proves, and the failure lines, are
/// in docs/probes.md. One timeout bounds the whole probe; failures are results, never exceptions.
/// </summary>
/// <remarks>
/// Stateless between calls: probes may run at once on one instance. Local TCP sockets get
/// <see cref="TcpKeepAlive"/>. Every socket and channel is closed before <see cref="RunAsync"/>
/// returns, on every path.
/// </remarks>
internal sealed class ForwardProbe(TimeProvider time)
{
    /// <summary>What ssh's SOCKS5 listener answers to a greeting offering "no authentication": version 5, method 0.</summary>
    private static readonly ProbeExchange SocksGreeting = new("\u0005\u0001\u0000", "\u0005\u0000", null);

    /// <summary>
    /// Probes <paramref name="forward"/> of the ssh whose ControlPath is <paramref name="controlPath"/>
    /// within <paramref name="timeout"/> (the tunnel's probe_timeout); cancelling
    /// <paramref name="cancellationToken"/> (the tunnel stopping) throws <see cref="OperationCanceledException"/>.
    /// With <paramref name="connectListener"/> false, a -L forward without an exchange is proved by the
    /// channel through the session alone (<c>ProbeSchedule.ChecksListeners</c> says when); -D and
    /// forwards with an exchange always go through the listener: it is their whole check. A forward whose port
    /// sshkeep holds (<paramref name="held"/>) has no listener of ssh's: its exchange runs over the channel, and a
    /// held -D proves the master answers (docs/probes.md).
    /// </summary>
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
            ForwardKind.Local when held => await ThroughSessionAsync(forward, forward.TargetHost!, forward.TargetPort!.Value, run).ConfigureAwait(false),
            ForwardKind.Local => await LocalAsync(forward, connectListener, run).ConfigureAwait(false),
            ForwardKind.Remote => await RemoteAsync(forward, run).ConfigureAwait(false),
            _ when held => await HelloAsync(controlPath, run, cancellationToken).ConfigureAwait(false),
            _ => await DynamicAsync(forward, run).ConfigureAwait(false),
        };
        return new ProbeResult(forward, failure is null, time.GetElapsedTime(started), failure);
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

    private static async Task<string?> HelloAsync(string controlPath, Run run, CancellationToken stopping)
    {
        var silent = await MuxStdioForward.HelloAsync(controlPath, run.Deadline).ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
        return silent is null ? null : $"ssh: {silent}";
    }

    /// <summary>A channel to host:port through the session, and the forward's exchange over it.</summary>
    private static async Task<string?> ThroughSessionAsync(ForwardSpec forward, string host, int port, Run run)
    {
        var step = $"target {Endpoint(host, port)} (from the server)";
        var open = await run.OpenThroughSessionAsync(host, port, step).ConfigureAwait(false);
        if (open is MuxStdioOpen.Failed failed) return run.Explain(failed, step);
        await using var channel = ((MuxStdioOpen.Opened)open).Channel;
        if (forward.Probe.IsConnectOnly) return null;
        return await run.ExchangeAsync(channel.Stream, forward.Probe, ProbeReply.HostHeader(host, port), "exchange").ConfigureAwait(false);
    }

    /// <summary>-D has no target of its own: ssh accepts on the listener and answers the SOCKS5 greeting.</summary>
    private static Task<string?> DynamicAsync(ForwardSpec forward, Run run) =>
        run.ThroughLocalListenerAsync(forward, SocksGreeting, "", "socks");

    private static string Endpoint(string host, int port) =>
        (host.Contains(':') ? $"[{host}]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>One call of <see cref="RunAsync"/>: its deadline, and the steps that share it.</summary>
    private sealed class Run(TimeProvider time, string controlPath, TimeSpan timeout, long started,
        CancellationToken probe, CancellationToken stopping)
    {
        private string Within => new DaemonDuration(timeout).ToString();

        public CancellationToken Deadline => probe;

        /// <summary>A stdio forward with what is left of the probe's time.</summary>
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

        /// <summary>Connects to the forward's local listener and runs <paramref name="exchange"/> (if any) over it.</summary>
        public async Task<string?> ThroughLocalListenerAsync(ForwardSpec forward, ProbeExchange exchange, string host, string exchangeStep)
        {
            var address = ProbeTargets.LocalListener(forward);
            var listener = new IPEndPoint(address, forward.BindPort);
            var step = $"local listener {listener}";
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                TcpKeepAlive.Apply(socket, TcpKeepAliveSettings.ShortLived);
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
