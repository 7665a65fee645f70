using SshKeep.Native;

namespace SshKeep.Ssh;

internal sealed class PosixSshProcess(TrackedChild child, bool ownGroup, StderrSocketReader? stderr, TimeProvider timeProvider)
    : ISshProcess
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(5);

    private int _disposed;

    public int Pid => child.Pid;

    public Task<ChildExit> Exited => child.Exited;

    public Task Stopped => child.Stopped;

    /// <summary>Ends after <see cref="Exited"/> while ssh's children hold the socket. For one reader.</summary>
    public IAsyncEnumerable<string> StandardErrorLines =>
        stderr is null ? AsyncEnumerable.Empty<string>() : stderr.Lines.ReadAllAsync();

    /// <remarks>A negative grace is refused (R68).</remarks>
    public Task<ChildExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        return ProcessGroupEnd.EndAsync(child, grace, timeProvider, cancellationToken, group: ownGroup);
    }

    /// <summary>No ssh and no ProxyCommand outlives its run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (!Exited.IsCompleted || (ownGroup && ProcessGroup.HasLiveMembers(Pid)))
                await StopAsync(DisposeGrace).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Reaped elsewhere: nothing left to stop.
        }
        finally
        {
            child.Release();
            stderr?.Dispose();
        }
    }
}
