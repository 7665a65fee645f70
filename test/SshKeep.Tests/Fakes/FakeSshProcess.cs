using SshKeep.Ssh;

namespace SshKeep.Tests.Fakes;

/// <summary>An ssh child that exits, stops or dies when the test says so.</summary>
public sealed class FakeSshProcess(int pid, SshStartInfo startInfo) : ISshProcess
{
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int> _signals = [];

    public int Pid { get; } = pid;
    public SshStartInfo StartInfo { get; } = startInfo;
    public Task<ChildExit> Exited => _exited.Task;
    public Task Stopped => _stopped.Task;
    public IAsyncEnumerable<string> StandardErrorLines => AsyncEnumerable.Empty<string>();

    /// <summary>Signals sent with <see cref="Signal"/> or by <see cref="StopAsync"/>, in order.</summary>
    public IReadOnlyList<int> SignalsReceived { get { lock (_signals) return [.. _signals]; } }

    /// <summary>True once the supervisor asked it to stop.</summary>
    public bool StopRequested { get; private set; }

    public void Exit(int status) => _exited.TrySetResult(ChildExit.Exited(status));

    public void Die(int signal) => _exited.TrySetResult(ChildExit.Killed(signal));

    public void Freeze() => _stopped.TrySetResult();

    public void Signal(int signal)
    {
        lock (_signals) _signals.Add(signal);
    }

    public Task<ChildExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        StopRequested = true;
        Signal(15);
        // Like OpenSSH with -N: SIGTERM makes it exit 0 (R62); the supervisor must not read this.
        _exited.TrySetResult(ChildExit.Exited(0));
        return _exited.Task;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
