using SshKeep.Demo;

namespace SshKeep.Bench;

/// <summary>The server going away for a while and coming back, as the benchmarks inject it. Each returns
/// when the fault began and when it was healed (the recovery clock starts there).</summary>
internal static class ServerOutage
{
    /// <summary>iptables DROP on lo of every packet to and from the sshd port for <paramref name="hold"/>; the heal is the rules removed.</summary>
    public static async Task<(long Fault, long Heal)> BlackHoleAsync(
        ThrowawaySshd sshd, TimeSpan hold, TrialNarrative narrative, TimeProvider time, CancellationToken cancellationToken)
    {
        long fault;
        // Disposal in finally, and the benchmark's signal handlers remove every rule of this
        // process too, so no DROP rule outlives the run.
        var firewall = await LoopbackFirewall.BlackHoleAsync(sshd.Port).ConfigureAwait(false);
        await using (firewall.ConfigureAwait(false))
        {
            fault = time.GetTimestamp();
            narrative.Say(fault, $"fault: port {sshd.Port} black-holed on lo ({firewall.Tag}) for {hold.TotalSeconds:0} s");
            await Task.Delay(hold, time, cancellationToken).ConfigureAwait(false);
        }
        var heal = time.GetTimestamp();
        narrative.Say(heal, "heal: rules removed");
        return (fault, heal);
    }

    /// <summary>sshd stopped (its sessions killed) for <paramref name="hold"/>; the heal is sshd listening on the same port again.</summary>
    public static async Task<(long Fault, long Heal)> SshdDownAsync(
        ThrowawaySshd sshd, TimeSpan hold, TrialNarrative narrative, TimeProvider time, CancellationToken cancellationToken)
    {
        var fault = time.GetTimestamp();
        await sshd.StopAsync().ConfigureAwait(false);
        narrative.Say(fault, $"fault: sshd stopped (its sessions killed) for {hold.TotalSeconds:0} s");
        await Task.Delay(hold, time, cancellationToken).ConfigureAwait(false);
        await sshd.StartAsync(cancellationToken).ConfigureAwait(false);
        var heal = time.GetTimestamp();
        narrative.Say(heal, $"heal: sshd listens on port {sshd.Port} again");
        return (fault, heal);
    }
}
