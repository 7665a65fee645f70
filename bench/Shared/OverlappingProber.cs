using System.Globalization;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Bench;

/// <summary>
/// Starts a probe through the tunnel every <c>interval</c>, each on a new connection that waits up
/// to <c>timeout</c> for its echo, without waiting for the previous one: a probe hanging on a dead
/// session cannot hide the moment the tunnel works again, so the first good probe after a heal is
/// at most one interval late. Each result goes to <see cref="Results"/>, stamped with the time the
/// probe started. bench/faults probes every 100 ms with 1 s; bench/clients is a client that
/// connects every 50 ms and waits up to its patience.
/// </summary>
internal sealed class OverlappingProber : IAsyncDisposable
{
    private readonly int _port;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly List<Task> _inFlight = [];
    private readonly CancellationTokenSource _abandon = new();
    private readonly BackgroundLoop _loop;
    private Task? _drained;

    public OverlappingProber(int port, TimeSpan interval, TimeSpan timeout, TimeProvider time)
    {
        _port = port;
        _interval = interval;
        _timeout = timeout;
        _time = time;
        Results = new Timeline<ProbeOutcome>(time);
        _loop = new BackgroundLoop(RunAsync);
    }

    public Timeline<ProbeOutcome> Results { get; }

    /// <summary>Starts no more probes and waits until every probe already started has its outcome.</summary>
    public Task DrainAsync() => _drained ??= DrainOnceAsync();

    /// <summary>Stops at once: probes still waiting are dropped without an outcome.</summary>
    public async ValueTask DisposeAsync()
    {
        await _abandon.CancelAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        _abandon.Dispose();
    }

    private async Task DrainOnceAsync()
    {
        await _loop.DisposeAsync().ConfigureAwait(false);
        Task[] pending;
        lock (_inFlight) pending = [.. _inFlight];
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var next = _time.GetTimestamp();
        for (var n = 1; ; n++)
        {
            var probe = ProbeAsync(n);
            lock (_inFlight)
            {
                _inFlight.RemoveAll(t => t.IsCompleted);
                _inFlight.Add(probe);
            }
            // A fixed cadence from the start, not one interval after each probe began: no drift.
            next += (long)(_interval.TotalSeconds * _time.TimestampFrequency);
            var wait = _time.GetElapsedTime(_time.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stopping).ConfigureAwait(false);
            else next = _time.GetTimestamp();
        }
    }

    private async Task ProbeAsync(int n)
    {
        var token = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"sshkeep-bench-probe-{n}\n"));
        var started = _time.GetTimestamp();
        EchoOutcome outcome;
        try
        {
            outcome = await EchoProbe.AttemptAsync(_port, token, _timeout, _time, _abandon.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // the benchmark is done with this tunnel
        }
        Results.Add(started, new ProbeOutcome(outcome, _time.GetTimestamp()));
    }
}
