using Microsoft.Extensions.Logging;
using SshKeep.Logging;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Daemon;

/// <summary>
/// Ends the ssh processes an earlier daemon of this instance left running when it was killed
/// with SIGKILL (docs/daemon.md "When the daemon dies"): SIGTERM (and SIGCONT) to each one's
/// process group, a grace period, then SIGKILL to what is left. Runs once at start, under the
/// instance lock and before any tunnel starts, so that none of the old run's ssh still holds a
/// tunnel's port.
/// </summary>
internal static class OrphanSweep
{
    /// <summary>Finds and ends the orphans; logs one line per ended ssh. Returns how many it found.</summary>
    public static async Task<int> RunAsync(string instance, IEnumerable<string> sshPaths, TimeSpan grace, TimeProvider time, ILogger log,
        CancellationToken cancellationToken)
    {
        var self = Environment.ProcessId;
        var uid = LibC.geteuid();
        var names = OrphanRule.SshNames(sshPaths);
        var orphans = OrphanScan.Find(self, uid, instance, names);
        if (orphans.Count == 0) return 0;

        foreach (var orphan in orphans)
        {
            Signal(orphan, SignalNumbers.SIGTERM);
            Signal(orphan, SignalNumbers.SIGCONT);
        }
        // A stop asked for meanwhile cuts the waits short; the main loop then stops as usual.
        if (!await WaitGoneAsync(orphans, grace, time, cancellationToken).ConfigureAwait(false) && !cancellationToken.IsCancellationRequested)
        {
            foreach (var orphan in orphans)
            {
                // The leader may have exited meanwhile and its pid been reused: SIGKILL goes to a
                // leader only while it is still provably ours, and to a group whose leader is gone
                // only while members are left (a group id is not reused while it has members).
                var leaderOurs = OrphanScan.Read(orphan.Pid, uid) is { } facts && OrphanRule.Judge(facts, self, uid, instance, names) is not null;
                if (leaderOurs || (orphan.LeadsGroup && ProcessGroup.HasLiveMembers(orphan.ProcessGroup))) Signal(orphan, SignalNumbers.SIGKILL);
            }
            await WaitGoneAsync(orphans, grace, time, cancellationToken).ConfigureAwait(false);
        }

        foreach (var orphan in orphans)
        {
            var tunnel = orphan.Tunnel ?? "(unknown tunnel)";
            if (IsGone(orphan)) log.OrphanEnded(tunnel, orphan.Pid);
            else log.OrphanSurvived(tunnel, orphan.Pid);
        }
        return orphans.Count;
    }

    private static void Signal(OrphanSsh orphan, int signal) =>
        LibC.kill(orphan.LeadsGroup ? -orphan.ProcessGroup : orphan.Pid, signal);

    private static bool IsGone(OrphanSsh orphan) =>
        orphan.LeadsGroup ? !ProcessGroup.HasLiveMembers(orphan.ProcessGroup) : !ProcessGroup.LiveMembers(orphan.ProcessGroup).Contains(orphan.Pid);

    private static async Task<bool> WaitGoneAsync(IReadOnlyList<OrphanSsh> orphans, TimeSpan within, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (!orphans.All(IsGone))
        {
            var left = within - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return false;
            try
            {
                await Task.Delay(left < ProcessGroupEnd.Poll ? left : ProcessGroupEnd.Poll, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        return true;
    }
}
