using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Forwarding;

/// <summary>A -L or -D port sshkeep listens on itself, its clients handed to the tunnel's ssh (docs/held-ports.md).</summary>
internal sealed class HeldForward : IAsyncDisposable
{
    /// <summary>In seconds.</summary>
    public static readonly double[] WaitBounds = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    /// <summary>A failed hand-off's first retry on the same master: ssh answers on its control socket a moment after it says
    /// "Authenticated". Each failure doubles it, up to <see cref="RetryAtMost"/> (a master dead, not yet known to be).</summary>
    private static readonly TimeSpan RetryFirst = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan RetryAtMost = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan SocksWithin = TimeSpan.FromSeconds(10);

    private readonly string _tunnel;
    private readonly IReadOnlyList<Socket> _listeners;
    private readonly TunnelMasters _masters;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _clients = new();
    private readonly Lock _countsGate = new();
    private readonly Histogram _waits = new(WaitBounds);
    private readonly List<Task> _acceptLoops = [];
    private long _accepted;
    private long _failed;
    private int _waiting;
    private int _open;

    private HeldForward(string tunnel, ForwardSpec forward, IReadOnlyList<Socket> listeners, TunnelMasters masters, ILogger log, TimeProvider time)
    {
        (_tunnel, Forward, _listeners, _masters, _log, _time) = (tunnel, forward, listeners, masters, log, time);
    }

    /// <summary>A reload may change its target or hold time, not its listen half.</summary>
    public ForwardSpec Forward { get => Volatile.Read(ref field); set => Volatile.Write(ref field, value); }

    public HeldForwardCounts Counts
    {
        get
        {
            // Under the counts' lock, as the wait is observed: a reading never has a client open whose wait is not in it.
            lock (_countsGate)
            {
                var (waits, waited) = _waits.Copy();
                return new(_accepted, _waiting, _open, _failed, waits, waited);
            }
        }
    }

    /// <summary>Null and why not when a listen address cannot be had.</summary>
    /// <param name="inherited">Listening sockets passed by systemd, not yet taken; a matching one is removed.</param>
    public static HeldForward? TryStart(string tunnel, ForwardSpec forward, bool gatewayPorts, List<Socket> inherited, TunnelMasters masters,
        ILogger log, TimeProvider time, out string? problem)
    {
        var listeners = new List<Socket>();
        problem = null;
        try
        {
            var addresses = ListenAddresses(forward.BindAddress, gatewayPorts);
            foreach (var address in addresses)
            {
                var endPoint = new IPEndPoint(address, forward.BindPort);
                if (inherited.FirstOrDefault(s => endPoint.Equals(s.LocalEndPoint)) is { } passed)
                {
                    inherited.Remove(passed);
                    listeners.Add(passed);
                    continue;
                }
                var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    if (address.AddressFamily == AddressFamily.InterNetworkV6) listener.DualMode = false;
                    listener.Bind(endPoint);
                    listener.Listen(128);
                    listeners.Add(listener);
                }
                catch (Exception e)
                {
                    listener.Dispose();
                    // A machine without IPv6 (or its loopback): ssh too listens where it can.
                    if (addresses.Count == 1 || e is not SocketException { SocketErrorCode: SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable })
                        throw;
                }
            }
            if (listeners.Count == 0) throw new SocketException((int)SocketError.AddressNotAvailable);
        }
        catch (SocketException e)
        {
            foreach (var listener in listeners) listener.Dispose();
            var holder = e.SocketErrorCode == SocketError.AddressAlreadyInUse && PortHolder.Describe(forward.BindPort) is { } who ? $", {who}" : "";
            problem = $"{SocketErrorText.Of(e)}{holder}";
            return null;
        }

        var held = new HeldForward(tunnel, forward, listeners, masters, log, time);
        foreach (var listener in listeners) held._acceptLoops.Add(held.AcceptLoopAsync(listener));
        return held;
    }

    /// <summary>As ssh reads a -L/-D bind address (docs/held-ports.md, "When sshkeep cannot have the port").</summary>
    private static IReadOnlyList<IPAddress> ListenAddresses(string? bind, bool gatewayPorts)
    {
        IPAddress[] loopback = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        IPAddress[] any = [IPAddress.Any, IPAddress.IPv6Any];
        return bind switch
        {
            null => gatewayPorts ? any : loopback,
            "" or "*" => any,
            "localhost" => loopback,
            _ when IPAddress.TryParse(bind, out var address) => [address],
            _ => Dns.GetHostAddresses(bind),
        };
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors, say: the client stays in the backlog, so try again shortly, not in a spin.
                _log.HeldPortAcceptFailed(_tunnel, Forward.Listen, SocketErrorText.Of(e));
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, _stopping.Token)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            var serving = ServeAsync(client);
            _clients[serving] = true;
            _ = serving.ContinueWith(done => _clients.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    /// <summary>Only synchronous calls touch the client's socket: an asynchronous one would register it with .NET's epoll,
    /// which then keeps waking on its traffic after ssh has it (epoll(7): it lasts while any process holds the socket).</summary>
    private async Task ServeAsync(Socket client)
    {
        var accepted = _time.GetTimestamp();
        var forward = Forward;
        lock (_countsGate)
        {
            _accepted++;
            _waiting++;
        }
        var waiting = true;
        var (host, port, socks) = (forward.TargetHost, forward.TargetPort ?? 0, (SocksVersion?)null);
        try
        {
            if (forward.Kind == ForwardKind.Dynamic)
            {
                var request = await SocksHandshake.ReadAsync(client, SocksWithin, _stopping.Token).ConfigureAwait(false);
                if (request is not SocksStep.Request target)
                {
                    Fail(((SocksStep.Refused)request).Reason);
                    return;
                }
                (host, port, socks) = (target.Host, target.Port, target.Version);
            }

            using var holdEnds = new CancellationTokenSource(forward.Hold, _time);
            using var holding = CancellationTokenSource.CreateLinkedTokenSource(holdEnds.Token, _stopping.Token);
            var (failedOn, lastFailedOn, retryAfter) = (-1, -1, RetryFirst);
            while (true)
            {
                var (controlPath, version, changed) = _masters.Current;
                if (controlPath is null || version == failedOn)
                {
                    // After a failed hand-off to this very master, look again shortly even without news.
                    var again = controlPath is null ? changed : Task.WhenAny(changed, Task.Delay(retryAfter, _time, holding.Token));
                    if (!await WithinHold(again.WaitAsync(holding.Token)).ConfigureAwait(false)) return;
                    failedOn = -1;
                    continue;
                }

                MuxStdioOpen open;
                if (!await WithinHold(_masters.Handing.WaitAsync(holding.Token)).ConfigureAwait(false)) return;
                try
                {
                    if (_masters.Current.Version != version) continue;
                    if (socks is { } answer)
                    {
                        // As ssh's own -D: success before the channel is confirmed (docs/held-ports.md, "SOCKS").
                        client.Send(SocksHandshake.SuccessReply(answer));
                        socks = null;
                    }
                    open = await MuxStdioForward.HandAsync(controlPath, host!, port, client.SafeHandle, _stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    _masters.Handing.Release();
                }
                if (open is MuxStdioOpen.Failed failed)
                {
                    if (failed.Kind == MuxOpenFailure.Refused)
                    {
                        Fail($"{HostSyntax.Endpoint(host!, port)}: {failed.Reason}");
                        return;
                    }
                    // The master died, is not ready yet, or is not usable: this client tries again shortly, or the next one.
                    retryAfter = version == lastFailedOn
                        ? TimeSpan.FromTicks(Math.Min(retryAfter.Ticks * 2, RetryAtMost.Ticks))
                        : RetryFirst;
                    (failedOn, lastFailedOn) = (version, version);
                    continue;
                }

                await using var channel = ((MuxStdioOpen.Opened)open).Channel;
                lock (_countsGate)
                {
                    _waiting--;
                    _open++;
                    _waits.Observe(_time.GetElapsedTime(accepted).TotalSeconds);
                }
                waiting = false;
                client.Dispose(); // ssh has its own descriptor of the client now
                try
                {
                    await channel.ClosedAsync(_stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    lock (_countsGate) _open--;
                }
                return;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped holding this port: a waiting client is closed, an open one ends with its channel.
        }
        catch (SocketException e)
        {
            Fail(SocketErrorText.Of(e));
        }
        finally
        {
            if (waiting)
            {
                lock (_countsGate) _waiting--;
            }
            client.Dispose();
        }

        // A wait on the hold's token: false when the hold ran out first (the client is told), an exception when sshkeep stops.
        async Task<bool> WithinHold(Task wait)
        {
            await wait.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!wait.IsCanceled) return true;
            _stopping.Token.ThrowIfCancellationRequested();
            if (socks is { } unanswered) client.Send(SocksHandshake.FailureReply(unanswered));
            Fail($"no session came up within {new DaemonDuration(forward.Hold)}");
            return false;
        }

        void Fail(string reason)
        {
            lock (_countsGate) _failed++;
            _log.HeldClientClosed(_tunnel, forward.Listen, reason);
        }
    }

    /// <summary>Open connections end with their channels.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners) listener.Dispose();
        await Task.WhenAll([.. _acceptLoops, .. _clients.Keys]).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
