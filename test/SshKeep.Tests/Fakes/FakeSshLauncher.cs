using System.Threading.Channels;
using SshKeep.Ssh;

namespace SshKeep.Tests.Fakes;

/// <summary>Hands out <see cref="FakeSshProcess"/>es and lets the test await each start.</summary>
internal sealed class FakeSshLauncher(TimeProvider time) : ISshLauncher
{
    private readonly Channel<FakeSshProcess> _started = Channel.CreateUnbounded<FakeSshProcess>();
    private readonly List<(FakeSshProcess Process, DateTimeOffset At)> _all = [];
    private int _nextPid = 1000;

    /// <summary>When set, the next start fails as an exec failure would.</summary>
    public SshStartException? FailNextStart { get; set; }

    /// <summary>When set, every process exits with this status as soon as it starts.</summary>
    public int? ExitAtOnceWith { get; set; }

    public IReadOnlyList<(FakeSshProcess Process, DateTimeOffset At)> Starts { get { lock (_all) return [.. _all]; } }

    public ISshProcess Start(SshStartInfo startInfo)
    {
        if (FailNextStart is { } failure)
        {
            FailNextStart = null;
            throw failure;
        }

        var process = new FakeSshProcess(Interlocked.Increment(ref _nextPid), startInfo);
        lock (_all) _all.Add((process, time.GetUtcNow()));
        if (ExitAtOnceWith is { } status) process.Exit(status);
        _started.Writer.TryWrite(process);
        return process;
    }

    /// <summary>Waits (in real time, bounded) for the supervisor's next start.</summary>
    public async Task<FakeSshProcess> NextStartAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _started.Reader.ReadAsync(cts.Token);
    }
}
