using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>All tunnels of one config file; adds the news of the list itself (docs/daemon.md, "Transitions are the only news").</summary>
internal sealed class DaemonSupervisor : IAsyncDisposable
{
    private readonly Func<TunnelConfig, Action<TunnelTransition>, TunnelSupervisor> _create;
    private readonly Func<TunnelConfig, TunnelSupervisor?> _createStandby;
    private readonly TimeProvider _time;
    private readonly Action<TunnelTransition> _news;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private List<TunnelConfig> _configs = [];
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);

    /// <param name="news">Called from each tunnel's loop and from callers here: quick, and never calling back.</param>
    /// <param name="createStandby">A tunnel's warm standby (docs/held-ports.md), or null: it runs with the tunnel and gives no news.</param>
    public DaemonSupervisor(Func<TunnelConfig, Action<TunnelTransition>, TunnelSupervisor> create, TimeProvider time,
        Action<TunnelTransition> news, Func<TunnelConfig, TunnelSupervisor?>? createStandby = null)
    {
        _create = create;
        _createStandby = createStandby ?? (_ => null);
        _time = time;
        _news = news;
    }

    public IReadOnlyList<TunnelConfig> Configs
    {
        get { lock (_gate) return [.. _configs]; }
    }

    public void Start(SshKeepConfig config)
    {
        lock (_gate)
        {
            _configs = [.. config.Tunnels];
            ListLocked(config.Tunnels);
        }
    }

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
                // Each stopped supervisor has sent its last transition (stopped) by now.
                var now = _time.GetUtcNow();
                foreach (var name in plan.Removed) _news(new TunnelTransition(Stopped(name), Stopped(name), TransitionReasons.Removed) { At = now });
                ListLocked(config.Tunnels);
            }

            return plan;
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>False when no such tunnel runs.</summary>
    public bool Restart(string name, string trigger = "restart")
    {
        lock (_gate)
        {
            if (!_running.TryGetValue(name, out var running)) return false;
            running.Supervisor.Ask(TunnelCommand.Restart, trigger);
            return true;
        }
    }

    /// <param name="name">Null: every tunnel.</param>
    public RetryNowReport RetryNow(string? name = null, string trigger = "retry-now")
    {
        lock (_gate)
        {
            var targets = _configs.Where(c => name is null ? _running.ContainsKey(c.Name) : c.Name == name && _running.ContainsKey(c.Name))
                .Select(c => _running[c.Name].Supervisor).ToList();
            var report = new RetryNowReport([.. targets.Select(t => t.Status)]);
            foreach (var (supervisor, status) in targets.Zip(report.Tunnels))
            {
                if (RetryNowReport.IsWaiting(status.State)) supervisor.Ask(TunnelCommand.RetryNow, trigger);
                if (_running[status.Name].Standby is { } standby && RetryNowReport.IsWaiting(standby.Status.State))
                    standby.Ask(TunnelCommand.RetryNow, trigger);
            }
            return report;
        }
    }

    public void NetworkChanged(string what)
    {
        lock (_gate)
        {
            foreach (var running in _running.Values)
            {
                running.Supervisor.Ask(TunnelCommand.NetworkChanged, what);
                running.Standby?.Ask(TunnelCommand.NetworkChanged, what);
            }
        }
    }

    public async Task StopAllAsync()
    {
        List<Running> all;
        lock (_gate)
        {
            all = [.. _running.Values];
            _running.Clear();
        }

        await Task.WhenAll(all.Select(StopAsync));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        _reloading.Dispose();
    }

    /// <summary>Each new tunnel is listed with its first status before its loop can send anything.</summary>
    private void ListLocked(IReadOnlyList<TunnelConfig> tunnels)
    {
        foreach (var tunnel in tunnels)
        {
            var status = _running.TryGetValue(tunnel.Name, out var running) ? running.Supervisor.Status : Stopped(tunnel.Name);
            TunnelSupervisor? fresh = null;
            if (running is null && tunnel.Enabled)
            {
                fresh = _create(tunnel, _news);
                status = fresh.Status;
            }
            _news(new TunnelTransition(status, status, TransitionReasons.Listed) { At = _time.GetUtcNow() });
            if (fresh is null) continue;
            var cts = new CancellationTokenSource();
            var standby = _createStandby(tunnel);
            _running[tunnel.Name] = new Running(fresh, standby, cts,
                Task.WhenAll(Task.Run(() => fresh.RunAsync(cts.Token)), standby is null ? Task.CompletedTask : Task.Run(() => standby.RunAsync(cts.Token))));
        }
    }

    private TunnelStatus Stopped(string name) => new() { Name = name, State = TunnelState.Stopped, Since = _time.GetUtcNow() };

    private static async Task StopAsync(Running running)
    {
        await running.Stop.CancelAsync();
        try { await running.Run; }
        catch (OperationCanceledException) { }
        running.Stop.Dispose();
    }

    private sealed record Running(TunnelSupervisor Supervisor, TunnelSupervisor? Standby, CancellationTokenSource Stop, Task Run);
}
