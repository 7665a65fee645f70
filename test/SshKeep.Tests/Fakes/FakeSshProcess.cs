using System.Threading.Channels;
using SshKeep.Ssh;

namespace SshKeep.Tests.Fakes;

/// <summary>An ssh child that exits, stops or dies when the test says so.</summary>
internal sealed class FakeSshProcess(int pid, SshStartInfo startInfo) : ISshProcess
{
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int> _signals = [];
    private readonly Channel<string> _stderr = Channel.CreateUnbounded<string>();

    public int Pid { get; } = pid;
    public SshStartInfo StartInfo { get; } = startInfo;
    public Task<ChildExit> Exited => _exited.Task;
    public Task Stopped => _stopped.Task;
    public IAsyncEnumerable<string> StandardErrorLines => _stderr.Reader.ReadAllAsync();

    /// <summary>Makes the fake print a line on stderr, as ssh would.</summary>
    public void Say(string line) => _stderr.Writer.TryWrite(line);

    /// <summary>Signals sent with <see cref="Signal"/> or by <see cref="StopAsync"/>, in order.</summary>
    public IReadOnlyList<int> SignalsReceived { get { lock (_signals) return [.. _signals]; } }

    /// <summary>True once the supervisor asked it to stop.</summary>
    public bool StopRequested { get; private set; }

    public void Exit(int status) => End(ChildExit.Exited(status));

    /// <summary>Exits with stderr still open, as a real ssh's exit can be seen before its last lines
    /// are read; <see cref="Say"/> then <see cref="CloseStderr"/> deliver them.</summary>
    public void ExitBeforeStderrEnds(int status) => _exited.TrySetResult(ChildExit.Exited(status));

    /// <summary>EOF on stderr.</summary>
    public void CloseStderr() => _stderr.Writer.TryComplete();

    public void Die(int signal) => End(ChildExit.Killed(signal));

    private void End(ChildExit exit)
    {
        _stderr.Writer.TryComplete();
        _exited.TrySetResult(exit);
    }

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
        End(ChildExit.Exited(0));
        return _exited.Task;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
