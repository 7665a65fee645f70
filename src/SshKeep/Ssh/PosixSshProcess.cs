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

    /// <summary>Ends at EOF of the stderr socket, which can come after <see cref="Exited"/> when something ssh
    /// started still holds it. For one reader.</summary>
    public IAsyncEnumerable<string> StandardErrorLines =>
        _stderr is null ? AsyncEnumerable.Empty<string>() : _stderr.Lines.ReadAllAsync();

    /// <summary>A child in its own group gets it through its group, so whatever it started goes with it.</summary>
    public void Signal(int signal) => _child.Signal(signal, toGroup: _ownGroup);

    /// <remarks>A negative grace (InfiniteTimeSpan too) is refused: waiting for ever is what this replaces (R68).</remarks>
    public Task<ChildExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        return ProcessGroupEnd.EndAsync(_child, grace, _timeProvider, cancellationToken, group: _ownGroup);
    }

    /// <summary>No ssh and no ProxyCommand outlives its run.</summary>
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
