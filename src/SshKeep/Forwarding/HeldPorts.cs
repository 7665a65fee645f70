using SshKeep.Config;
using SshKeep.Logging;

namespace SshKeep.Forwarding;

/// <summary>Every port the daemon holds, by tunnel, and each tunnel's <see cref="TunnelMasters"/>, across restarts and
/// reloads (docs/held-ports.md).</summary>
internal sealed class HeldPorts(ILogger log, TimeProvider time, IEnumerable<Socket> passedBySystemd) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TunnelMasters> _masters = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Tunnel, ForwardKind Kind, string Listen), HeldForward> _held = [];
    private readonly Dictionary<(string Tunnel, ForwardKind Kind, string Listen), string> _unavailable = [];
    private readonly List<Socket> _inherited = [.. passedBySystemd];

    public TunnelMasters MastersOf(string tunnel)
    {
        lock (_gate)
        {
            if (!_masters.TryGetValue(tunnel, out var masters)) _masters[tunnel] = masters = new TunnelMasters();
            return masters;
        }
    }

    /// <summary>Holds what it should and does not yet (each start of the tunnel's ssh tries again); returns those held
    /// now: its ssh is given the others.</summary>
    public IReadOnlySet<ForwardSpec> Hold(TunnelConfig tunnel)
    {
        var masters = MastersOf(tunnel.Name);
        var gatewayPorts = tunnel.SshOption("GatewayPorts") is { } value && SshOptionRules.IsYes(value);
        var held = new HashSet<ForwardSpec>();
        lock (_gate)
        {
            foreach (var forward in tunnel.Forwards.Where(f => f.IsHeld))
            {
                var key = (tunnel.Name, forward.Kind, forward.Listen);
                if (_held.TryGetValue(key, out var existing))
                {
                    existing.Forward = forward;
                }
                else if (HeldForward.TryStart(tunnel.Name, forward, gatewayPorts, _inherited, masters, log, time, out var problem) is { } started)
                {
                    _unavailable.Remove(key);
                    _held[key] = started;
                    log.HeldPortListening(tunnel.Name, forward.Listen, forward.ToString(), new DaemonDuration(forward.Hold));
                }
                else
                {
                    // Said once per reason, not at every retry of a port that stays taken.
                    if (!_unavailable.TryGetValue(key, out var said) || said != problem) log.HeldPortUnavailable(tunnel.Name, forward.Listen, problem!);
                    _unavailable[key] = problem!;
                    continue;
                }
                held.Add(forward);
            }
        }
        return held;
    }

    public bool Holds(string tunnel, ForwardSpec forward)
    {
        lock (_gate) return _held.ContainsKey((tunnel, forward.Kind, forward.Listen));
    }

    /// <summary>After a reload: stops holding the ports no enabled tunnel holds.</summary>
    public async Task KeepOnlyAsync(IEnumerable<TunnelConfig> tunnels)
    {
        var wanted = tunnels.Where(t => t.Enabled).SelectMany(t => t.Forwards.Where(f => f.IsHeld).Select(f => (t.Name, f.Kind, f.Listen))).ToHashSet();
        List<KeyValuePair<(string Tunnel, ForwardKind Kind, string Listen), HeldForward>> gone;
        lock (_gate)
        {
            gone = [.. _held.Where(h => !wanted.Contains(h.Key))];
            foreach (var (key, _) in gone) _held.Remove(key);
        }
        foreach (var (key, forward) in gone)
        {
            await forward.DisposeAsync().ConfigureAwait(false);
            log.HeldPortReleased(key.Tunnel, key.Listen);
        }
    }

    /// <summary>By tunnel name, in the order of the listen addresses.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HeldForwardReading>> Counts()
    {
        lock (_gate)
        {
            return _held.OrderBy(h => h.Key.Listen, StringComparer.Ordinal)
                .GroupBy(h => h.Key.Tunnel, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyList<HeldForwardReading>)[.. g.Select(h => new HeldForwardReading(h.Key.Listen, h.Key.Kind, h.Value.Counts))],
                    StringComparer.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KeepOnlyAsync([]).ConfigureAwait(false);
        foreach (var socket in _inherited) socket.Dispose();
    }
}
