namespace SshKeep.Bench.Soak;

/// <summary>
/// The soak's plan, drawn from one seeded <see cref="Random"/>: which fault, which tunnel, how
/// long, whether a second fault joins it, and the pause after. The plan depends on the seed and
/// on nothing the run observes, so a seed names a run: the same faults in the same order.
/// </summary>
internal sealed class FaultPlanner(int seed, SoakOptions options, TunnelLayout start)
{
    private readonly Random _random = new(seed);
    private TunnelLayout _layout = start;

    /// <param name="faultsLeft">Faults still to apply; a pair is only drawn when two are left.</param>
    public PlannedRound Next(int faultsLeft)
    {
        var first = Draw();
        List<PlannedFault> faults = [first];
        if (faultsLeft >= 2 && _random.NextDouble() < options.PairChance)
        {
            // A few draws for a second fault that makes sense alongside the first; none is fine too.
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var second = Draw();
                if (!CanPair(first, second)) continue;
                faults.Add(second);
                break;
            }
        }
        foreach (var fault in faults)
        {
            if (fault.Change is { } change) _layout = _layout.With(change, fault.Tunnel!);
        }
        return new PlannedRound(faults, _layout, options.Gap * (0.5 + _random.NextDouble()));
    }

    /// <summary>
    /// Whether two faults can run at once and still mean something: never two server-wide faults
    /// (black-hole, sshd restart), never an sshd restart with a fault on a server session it would
    /// kill (freeze, remote port), never a black-hole with a remote-port fault (the foreign ssh
    /// could not reach the server), at most one of each server-wide kind and one reload (both
    /// write the same file), and never two faults on one tunnel.
    /// </summary>
    public static bool CanPair(PlannedFault a, PlannedFault b)
    {
        bool Either(Func<FaultKind, bool> test) => test(a.Kind) || test(b.Kind);
        if (a.Kind == b.Kind && a.Kind is FaultKind.ConfigReloaded) return false;
        if (a.Kind.IsServerWide() && b.Kind.IsServerWide()) return false;
        if (Either(k => k == FaultKind.SshdRestarted) && Either(k => k is FaultKind.ServerFrozen or FaultKind.RemotePortHeld)) return false;
        if (Either(k => k == FaultKind.BlackHole) && Either(k => k == FaultKind.RemotePortHeld)) return false;
        return a.Tunnel is null || a.Tunnel != b.Tunnel;
    }

    private PlannedFault Draw()
    {
        var kind = FaultKinds.All[_random.Next(FaultKinds.All.Count)];
        var hold = kind.HasHold() ? options.Outages.For(kind).Draw(_random) : TimeSpan.Zero;
        var current = _layout.Current;
        switch (kind)
        {
            case FaultKind.SshKilled or FaultKind.ServerFrozen:
                return new PlannedFault(kind, current[_random.Next(current.Count)].Name, hold);
            case FaultKind.RemotePortHeld:
                var remote = current.Where(t => t.IsRemote).ToList();
                return new PlannedFault(kind, remote[_random.Next(remote.Count)].Name, hold);
            case FaultKind.ConfigReloaded:
                // A third of reloads add or remove the sixth tunnel, the rest toggle a probe interval.
                if (_random.NextDouble() < 1.0 / 3)
                    return new PlannedFault(kind, _layout.Sixth.Name, hold, _layout.HasSixth ? ReloadChange.RemoveTunnel : ReloadChange.AddTunnel);
                return new PlannedFault(kind, _layout.Always[_random.Next(_layout.Always.Count)].Name, hold, ReloadChange.ToggleProbeInterval);
            default:
                return new PlannedFault(kind, null, hold);
        }
    }
}
