using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Tests.Integration;

/// <summary>A program using a tunnel: a new connection every 50 ms (each waits up to its own patience for
/// its echo), not waiting for the one before. <see cref="StopAsync"/> waits for every attempt to end. An
/// attempt under way at a <see cref="Fault"/>, or at any moment of a <see cref="FaultAsync"/>, is not counted:
/// its connection may have been carried by the ssh that died, and no one can save that (docs/held-ports.md,
/// "Which session takes a client").</summary>
internal sealed class ClientLoop : IAsyncDisposable
{
    private readonly ConcurrentBag<Task<(long Start, long End, bool Ok)>> _attempts = [];
    private readonly ConcurrentBag<(long Begin, long End)> _faults = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ClientLoop(int port, TimeSpan patience) => _loop = RunAsync(port, patience);

    public static ClientLoop Start(int port, TimeSpan patience) => new(port, patience);

    public int Started => _attempts.Count;

    private async Task RunAsync(int port, TimeSpan patience)
    {
        var n = 0;
        while (!_stop.IsCancellationRequested)
        {
            var token = Encoding.ASCII.GetBytes($"attempt {n++}\n");
            _attempts.Add(AttemptAsync(port, token, patience));
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<(long, long, bool)> AttemptAsync(int port, byte[] token, TimeSpan patience)
    {
        var start = Stopwatch.GetTimestamp();
        var ok = await EchoProbe.RoundTripAsync(port, token, patience);
        return (start, Stopwatch.GetTimestamp(), ok);
    }

    /// <summary>The test is about to break the tunnel.</summary>
    public void Fault()
    {
        var now = Stopwatch.GetTimestamp();
        _faults.Add((now, now));
    }

    /// <summary>The test breaks the tunnel with <paramref name="fault"/>, which takes a while: a reload asked
    /// through the CLI stops the old ssh some time after it is asked, and a client may be handed to that ssh
    /// until then.</summary>
    public async Task<T> FaultAsync<T>(Func<Task<T>> fault)
    {
        var begin = Stopwatch.GetTimestamp();
        try
        {
            return await fault();
        }
        finally
        {
            _faults.Add((begin, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Stops starting attempts; the count of attempts not under way at a fault, and of those that failed.</summary>
    public async Task<(int Attempts, int Failed)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var results = (await Task.WhenAll(_attempts)).Where(a => !_faults.Any(f => a.Start < f.End && f.Begin < a.End)).ToList();
        return (results.Count, results.Count(a => !a.Ok));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
