using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>Ends a child and its group: SIGTERM and SIGCONT, a grace period, SIGKILL (docs/daemon.md "Children: exits and
/// stderr").</summary>
internal static class ProcessGroupEnd
{
    /// <summary>How often the group is looked at once its leader has exited: the kernel does not say when a group empties.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Then waits for the child's exit (only uninterruptible sleep delays it), bounded by the token.</summary>
    public static async Task<ChildExit> EndAsync(TrackedChild leader, TimeSpan grace, TimeProvider time,
        CancellationToken cancellationToken = default, bool group = true)
    {
        leader.Signal(SignalNumbers.SIGTERM, toGroup: group);
        leader.Signal(SignalNumbers.SIGCONT, toGroup: group);
        if (!await WaitGoneAsync(leader, grace, time, cancellationToken, group).ConfigureAwait(false))
        {
            leader.Signal(SignalNumbers.SIGKILL, toGroup: group);
            await WaitGoneAsync(leader, grace, time, cancellationToken, group).ConfigureAwait(false);
        }

        return await leader.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the leader and (with <paramref name="group"/>) its group are gone within the time.</summary>
    public static async Task<bool> WaitGoneAsync(TrackedChild leader, TimeSpan within, TimeProvider time,
        CancellationToken cancellationToken = default, bool group = true)
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

        while (group && !leader.IsReaped && ProcessGroup.HasLiveMembers(leader.Pid))
        {
            var left = within - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return false;
            await Task.Delay(left < Poll ? left : Poll, time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
