using System.Collections.Concurrent;
using SshKeep.Demo;
using SshKeep.Native;

namespace SshKeep.Bench.Soak;

/// <summary>
/// Applies one planned fault to the world and heals it; returns when it is healed. The heal is
/// where the "came back" clock starts: the kill itself, the rules removed, SIGCONT sent, sshd
/// listening again, the foreign ssh gone, the reload answered. Every fault undoes itself in a
/// finally (rules removed, SIGCONT, sshd started, foreign ssh stopped), also when the run is cancelled.
/// </summary>
internal sealed class FaultInjector(SoakWorld world, SoakLog log, TimeProvider time)
{
    /// <summary>How long the foreign ssh keeps asking for a released remote port.</summary>
    private static readonly TimeSpan TakeLimit = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<int, byte> _ownSsh = new();

    /// <summary>The pids of the soak's own ssh (foreign port holders) while they run.</summary>
    public IReadOnlySet<int> OwnSsh => _ownSsh.Keys.ToHashSet();

    /// <param name="status">The daemon's status just before the round (which ssh carries which tunnel).</param>
    /// <param name="layoutAfter">For a reload: the layout to write.</param>
    public async Task<FaultOutcome> ApplyAsync(PlannedFault fault, DaemonStatus status, TunnelLayout layoutAfter, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        FaultOutcome Skipped(string why)
        {
            log.Detail($"  {fault.Describe()}: not applied: {why}");
            return new FaultOutcome(fault, false, started, time.GetTimestamp(), why);
        }
        switch (fault.Kind)
        {
            case FaultKind.SshKilled:
            {
                if (Carrier(fault.Tunnel!, status) is not { } ssh) return Skipped($"{fault.Tunnel} had no ssh");
                if (!NativeSignals.Send(ssh, SignalNumbers.SIGKILL)) return Skipped($"{fault.Tunnel}'s ssh (pid {ssh.Pid}) was already gone");
                log.Detail($"  SIGKILL {fault.Tunnel}'s ssh pid {ssh.Pid}");
                return new FaultOutcome(fault, true, started, started, null);
            }
            case FaultKind.BlackHole:
            {
                // Disposal in finally, and the bench's signal handlers remove every rule of this
                // process too, so no DROP rule outlives the run.
                var firewall = await LoopbackFirewall.BlackHoleAsync(world.Sshd.Port).ConfigureAwait(false);
                await using (firewall.ConfigureAwait(false))
                {
                    started = time.GetTimestamp();
                    log.Detail($"  port {world.Sshd.Port} black-holed on lo ({firewall.Tag})");
                    await Task.Delay(fault.Hold, time, cancellationToken).ConfigureAwait(false);
                }
                log.Detail("  black-hole rules removed");
                return new FaultOutcome(fault, true, started, time.GetTimestamp(), null);
            }
            case FaultKind.ServerFrozen:
            {
                if (Carrier(fault.Tunnel!, status) is not { } ssh) return Skipped($"{fault.Tunnel} had no ssh");
                var session = ServerSessions.ServingClient(world.Sshd, ssh.Pid);
                if (session.Count == 0) return Skipped($"found no server session for {fault.Tunnel}'s ssh pid {ssh.Pid}");
                started = time.GetTimestamp();
                try
                {
                    foreach (var process in session) NativeSignals.Send(process, SignalNumbers.SIGSTOP);
                    log.Detail($"  SIGSTOP {fault.Tunnel}'s server session (pids {string.Join(", ", session.Select(s => s.Pid))})");
                    await Task.Delay(fault.Hold, time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var process in session) NativeSignals.Send(process, SignalNumbers.SIGCONT);
                }
                log.Detail($"  SIGCONT {fault.Tunnel}'s server session");
                return new FaultOutcome(fault, true, started, time.GetTimestamp(), null);
            }
            case FaultKind.SshdRestarted:
            {
                try
                {
                    await world.Sshd.StopAsync().ConfigureAwait(false);
                    log.Detail("  sshd stopped, its sessions killed");
                    await Task.Delay(fault.Hold, time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Started again even when the run is being cancelled: the daemon is stopped
                    // after this, and it should not see its server missing on the way out.
                    await world.Sshd.StartAsync(CancellationToken.None).ConfigureAwait(false);
                }
                log.Detail($"  sshd listens on port {world.Sshd.Port} again");
                return new FaultOutcome(fault, true, started, time.GetTimestamp(), null);
            }
            case FaultKind.RemotePortHeld:
                return await HoldRemotePortAsync(fault, status, cancellationToken).ConfigureAwait(false);
            case FaultKind.ConfigReloaded:
            {
                var error = await world.ReloadAsync(layoutAfter, cancellationToken).ConfigureAwait(false);
                if (error is not null) log.Progress($"  {fault.Describe()}: {error}");
                else log.Detail($"  reload answered ({layoutAfter.Current.Count} tunnels{(layoutAfter.Toggled.IsEmpty ? "" : $"; probe_interval {TunnelLayout.ToggledProbeInterval} s on {string.Join(", ", layoutAfter.Toggled.Order())}")})");
                return new FaultOutcome(fault, error is null, started, time.GetTimestamp(), error);
            }
            default:
                throw new InvalidOperationException($"no injection for {fault.Kind}");
        }
    }

    /// <summary>
    /// The foreign ssh connects first; then the tunnel's ssh is killed, its session ends and frees
    /// the port, and the foreign ssh asks for it at once. If the daemon's new ssh was faster, the
    /// fault was a kill after all (noted). Healed when the foreign ssh is gone.
    /// </summary>
    private async Task<FaultOutcome> HoldRemotePortAsync(PlannedFault fault, DaemonStatus status, CancellationToken cancellationToken)
    {
        var tunnel = world.Layout.Current.First(t => t.Name == fault.Tunnel);
        var started = time.GetTimestamp();
        if (Carrier(tunnel.Name, status) is not { } ssh)
            return new FaultOutcome(fault, false, started, started, $"{tunnel.Name} had no ssh");
        ForeignPortHolder holder;
        try
        {
            holder = await ForeignPortHolder.ConnectAsync(world.Sshd, world.Directory, time, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            log.Progress($"  {fault.Describe()}: not applied: {e.Message}");
            return new FaultOutcome(fault, false, started, time.GetTimestamp(), e.Message);
        }
        _ownSsh.TryAdd(holder.Pid, 0);
        string? note = null;
        try
        {
            started = time.GetTimestamp();
            if (!NativeSignals.Send(ssh, SignalNumbers.SIGKILL)) note = $"{tunnel.Name}'s ssh (pid {ssh.Pid}) was already gone";
            var taken = await holder.TakeAsync(tunnel.Port, DeadPort(), TakeLimit, cancellationToken).ConfigureAwait(false);
            if (taken)
            {
                log.Detail($"  SIGKILL {tunnel.Name}'s ssh pid {ssh.Pid}; foreign ssh pid {holder.Pid} holds remote port {tunnel.Port} for {fault.Hold.TotalSeconds:0.0} s");
                await Task.Delay(fault.Hold, time, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                note ??= "the daemon's new ssh took the port back first: a kill after all";
                log.Detail($"  SIGKILL {tunnel.Name}'s ssh pid {ssh.Pid}; the foreign ssh did not get port {tunnel.Port} ({note})");
            }
        }
        finally
        {
            await holder.DisposeAsync().ConfigureAwait(false);
            _ownSsh.TryRemove(holder.Pid, out _);
        }
        log.Detail($"  foreign ssh stopped; remote port {tunnel.Port} free");
        return new FaultOutcome(fault, true, started, time.GetTimestamp(), note);
    }

    /// <summary>The tunnel's ssh from status, as a process identity (so a reused pid is never hit).</summary>
    private static ProcessIdentity? Carrier(string tunnel, DaemonStatus status) =>
        status.Find(tunnel)?.Pid is { } pid ? ProcessTable.Identify(pid) : null;

    /// <summary>A port where nothing listens (picked free and left closed) for the foreign forward's target.</summary>
    private static int DeadPort() => LoopbackPort.PickFree();
}
