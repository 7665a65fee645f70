using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>
/// Ends a process group whose leader we started in it and hold as a zombie after its exit
/// (<see cref="ChildReaper.Track"/> with holdZombie), so the group id cannot be reused while we
/// signal it: SIGTERM (and SIGCONT) to the group, a grace period, SIGKILL to the group. "Ended"
/// means the leader has exited and no other process of the group is alive, so a child that ignores
/// SIGTERM (a ProxyCommand's helper, a hook's background job) is killed even when the leader
/// exited at once (docs/daemon.md, docs/config.md "hooks").
/// </summary>
internal static class ProcessGroupEnd
{
    /// <summary>How often the group is looked at once its leader has exited: the kernel tells us
    /// when a child exits, but not when a group becomes empty.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>SIGTERM, up to <paramref name="grace"/> for the group to end, then SIGKILL and up to
    /// <paramref name="grace"/> again (only a process in uninterruptible sleep outlives SIGKILL for
    /// a while, and is then left). Returns how the leader ended.</summary>
    public static async Task<ChildExit> EndAsync(TrackedChild leader, TimeSpan grace, TimeProvider time, CancellationToken cancellationToken = default)
    {
        leader.Signal(SignalNumbers.SIGTERM, toGroup: true);
        leader.Signal(SignalNumbers.SIGCONT, toGroup: true);
        if (!await WaitGoneAsync(leader, grace, time, cancellationToken).ConfigureAwait(false))
        {
            leader.Signal(SignalNumbers.SIGKILL, toGroup: true);
            await WaitGoneAsync(leader, grace, time, cancellationToken).ConfigureAwait(false);
        }

        return await leader.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the leader has exited and nothing else of its group is alive, at most
    /// <paramref name="within"/>. True when the group is gone.</summary>
    public static async Task<bool> WaitGoneAsync(TrackedChild leader, TimeSpan within, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        try
        {
            await leader.Exited.WaitAsync(within, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        while (!leader.IsReaped && ProcessGroup.HasLiveMembers(leader.Pid))
        {
            var left = within - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return false;
            await Task.Delay(left < Poll ? left : Poll, time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
