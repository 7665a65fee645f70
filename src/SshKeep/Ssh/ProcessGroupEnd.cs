using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>docs/daemon.md "Children: exits and stderr".</summary>
internal static class ProcessGroupEnd
{
    /// <summary>The kernel does not say when a group empties.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Then waits for the exit (only uninterruptible sleep delays it).</summary>
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
