using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>
/// All tunnels of one config file: starts one <see cref="TunnelSupervisor"/> per enabled
/// tunnel, applies reloads by name (<see cref="ReloadPlan"/>), forwards restart/retry-now, and
/// stops everything on the way out. Every status change of any tunnel reaches the observer.
/// </summary>
internal sealed class DaemonSupervisor : IAsyncDisposable
{
    private readonly Func<TunnelConfig, Action<TunnelStatus>, TunnelSupervisor> _create;
    private readonly TimeProvider _time;
    private readonly Action<IReadOnlyList<TunnelStatus>> _onChange;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private List<TunnelConfig> _configs = [];
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);

    public DaemonSupervisor(Func<TunnelConfig, Action<TunnelStatus>, TunnelSupervisor> create, TimeProvider time,
        Action<IReadOnlyList<TunnelStatus>> onChange)
    {
        _create = create;
        _time = time;
        _onChange = onChange;
    }

    /// <summary>Tunnels as configured, in file order (enabled or not).</summary>
    public IReadOnlyList<TunnelConfig> Configs
    {
        get { lock (_gate) return [.. _configs]; }
    }

    /// <summary>The running supervisors (for readiness: ever up, attempted).</summary>
    public IReadOnlyList<TunnelSupervisor> Tunnels
    {
        get { lock (_gate) return [.. _configs.Where(c => _running.ContainsKey(c.Name)).Select(c => _running[c.Name].Supervisor)]; }
    }

    /// <summary>Every tunnel's status in file order; disabled ones show as stopped.</summary>
    public IReadOnlyList<TunnelStatus> Snapshot()
    {
        lock (_gate)
        {
            return [.. _configs.Select(c => _running.TryGetValue(c.Name, out var r)
                ? r.Supervisor.Status
                : new TunnelStatus { Name = c.Name, State = TunnelState.Stopped, Since = _time.GetUtcNow() })];
        }
    }

    /// <summary>Starts every enabled tunnel of <paramref name="config"/>.</summary>
    public void Start(SshKeepConfig config)
    {
        lock (_gate)
        {
            _configs = [.. config.Tunnels];
            foreach (var tunnel in config.Tunnels.Where(t => t.Enabled)) StartLocked(tunnel);
        }

        Changed();
    }

    /// <summary>Applies a new, valid config: stops removed and changed tunnels, starts new and
    /// changed ones; unchanged ones keep their ssh process.</summary>
    public async Task<ReloadPlan> ReloadAsync(SshKeepConfig config)
    {
        await _reloading.WaitAsync();
        try
        {
            ReloadPlan plan;
            List<Running> stopping;
            lock (_gate)
            {
                plan = ReloadPlan.Between(_configs, config.Tunnels);
                var leaving = plan.Removed.Concat(plan.Changed.Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
                stopping = [.. leaving.Where(_running.ContainsKey).Select(n => _running[n])];
                foreach (var name in leaving) _running.Remove(name);
                _configs = [.. config.Tunnels];
            }

            await Task.WhenAll(stopping.Select(StopAsync));

            lock (_gate)
            {
                foreach (var tunnel in plan.Added.Concat(plan.Changed).Where(t => t.Enabled && !_running.ContainsKey(t.Name)))
                    StartLocked(tunnel);
            }

            Changed();
            return plan;
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>Restarts one tunnel's ssh now. False when no such tunnel runs.</summary>
    public bool Restart(string name, string trigger = "restart")
    {
        lock (_gate)
        {
            if (!_running.TryGetValue(name, out var running)) return false;
            running.Supervisor.Restart(trigger);
            return true;
        }
    }

    /// <summary>Ends the wait of one tunnel, or of every tunnel when <paramref name="name"/> is
    /// null; a tunnel that is up or starting has none and is left alone. Returns what each tunnel
    /// asked was doing (none when the name is unknown), for the log and the answer.</summary>
    public RetryNowReport RetryNow(string? name = null, string trigger = "retry-now")
    {
        lock (_gate)
        {
            var targets = _configs.Where(c => name is null ? _running.ContainsKey(c.Name) : c.Name == name && _running.ContainsKey(c.Name))
                .Select(c => _running[c.Name].Supervisor).ToList();
            var report = new RetryNowReport([.. targets.Select(t => t.Status)]);
            foreach (var (supervisor, status) in targets.Zip(report.Tunnels))
            {
                if (RetryNowReport.IsWaiting(status.State)) supervisor.RetryNow(trigger);
            }
            return report;
        }
    }

    /// <summary>The network changed: waiting tunnels retry now, up ones are probed now.</summary>
    public void NetworkChanged(string what)
    {
        lock (_gate)
        {
            foreach (var running in _running.Values) running.Supervisor.NetworkChanged(what);
        }
    }

    /// <summary>Stops every tunnel (SIGTERM, grace, SIGKILL for each ssh, all at once).</summary>
    public async Task StopAllAsync()
    {
        List<Running> all;
        lock (_gate)
        {
            all = [.. _running.Values];
            _running.Clear();
        }

        await Task.WhenAll(all.Select(StopAsync));
        Changed();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        _reloading.Dispose();
    }

    private void StartLocked(TunnelConfig tunnel)
    {
        var cts = new CancellationTokenSource();
        var supervisor = _create(tunnel, _ => Changed());
        var run = Task.Run(() => supervisor.RunAsync(cts.Token));
        _running[tunnel.Name] = new Running(supervisor, cts, run);
    }

    private static async Task StopAsync(Running running)
    {
        await running.Stop.CancelAsync();
        try { await running.Run; }
        catch (OperationCanceledException) { }
        running.Stop.Dispose();
    }

    private void Changed() => _onChange(Snapshot());

    private sealed record Running(TunnelSupervisor Supervisor, CancellationTokenSource Stop, Task Run);
}
