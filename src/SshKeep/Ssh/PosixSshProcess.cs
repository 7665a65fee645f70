using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>An ssh child started by <see cref="PosixSshLauncher"/>.</summary>
internal sealed class PosixSshProcess : ISshProcess
{
    /// <summary>Grace given to a child still running when the process object is disposed.</summary>
    public static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(5);

    private readonly TrackedChild _child;
    private readonly bool _ownGroup;
    private readonly StderrSocketReader? _stderr;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    internal PosixSshProcess(TrackedChild child, bool ownGroup, StderrSocketReader? stderr, TimeProvider timeProvider)
    {
        _child = child;
        _ownGroup = ownGroup;
        _stderr = stderr;
        _timeProvider = timeProvider;
    }

    public int Pid => _child.Pid;

    public Task<ChildExit> Exited => _child.Exited;

    public Task Stopped => _child.Stopped;

    /// <summary>
    /// Completes at EOF of the stderr socket, which can be later than <see cref="Exited"/> when something ssh
    /// started still holds it. Meant for one reader; lines nobody read are dropped oldest first once
    /// more than <see cref="StderrLineReader.Capacity"/> wait.
    /// </summary>
    public IAsyncEnumerable<string> StandardErrorLines =>
        _stderr is null ? AsyncEnumerable.Empty<string>() : _stderr.Lines.ReadAllAsync();

    /// <summary>
    /// A child in its own group gets the signal through its group, so whatever it started
    /// (ProxyCommand, a local command) goes with it.
    /// </summary>
    public void Signal(int signal) => _child.Signal(signal, toGroup: _ownGroup);

    /// <inheritdoc />
    /// <remarks>A zero grace sends SIGKILL right after SIGTERM; a negative one (including
    /// InfiniteTimeSpan) is refused, because waiting for ever is exactly what this replaces. A child
    /// in its own group is done when the whole group is: a ProxyCommand's helper that ignores
    /// SIGTERM gets SIGKILL even when ssh itself exited at once (docs/daemon.md).</remarks>
    public async Task<ChildExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        if (_ownGroup) return await ProcessGroupEnd.EndAsync(_child, grace, _timeProvider, cancellationToken).ConfigureAwait(false);
        if (Exited.IsCompleted) return await Exited.ConfigureAwait(false);

        // SIGCONT after SIGTERM: a stopped child keeps the SIGTERM pending and acts on it once it
        // runs again; autossh sent only SIGTERM and waited for ever on a stopped ssh (R68).
        Signal(SignalNumbers.SIGTERM);
        Signal(SignalNumbers.SIGCONT);
        try
        {
            if (grace > TimeSpan.Zero)
                return await Exited.WaitAsync(grace, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still there after the grace period: fall through to SIGKILL.
        }
        Signal(SignalNumbers.SIGKILL);
        // SIGKILL cannot be caught or ignored; only a child stuck in uninterruptible sleep (a dead
        // NFS mount) survives it for a while, and the caller's token bounds that wait.
        return await Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the child and, in its own group, whatever of the group is left (no ssh and no
    /// ProxyCommand outlives sshkeep or its run), reaps it and ends the stderr reader.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (!Exited.IsCompleted || (_ownGroup && ProcessGroup.HasLiveMembers(Pid)))
                await StopAsync(DisposeGrace).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Exit status lost (reaped elsewhere): nothing left to stop.
        }
        finally
        {
            _child.Release();
            _stderr?.Dispose();
        }
    }
}
