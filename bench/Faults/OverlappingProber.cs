using System.Globalization;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Bench.Faults;

/// <summary>
/// Starts a probe through the tunnel every 100 ms, each on a new connection with a 1 s timeout,
/// without waiting for the previous one: a probe hanging on a dead session cannot hide the moment
/// the tunnel works again, so the first good probe after a heal is at most 100 ms late. Each
/// result goes to <see cref="Results"/>, stamped with the time the probe started.
/// </summary>
internal sealed class OverlappingProber : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly int _port;
    private readonly TimeProvider _time;
    private readonly List<Task> _inFlight = [];
    private readonly BackgroundLoop _loop;

    public OverlappingProber(int port, TimeProvider time)
    {
        _port = port;
        _time = time;
        Results = new Timeline<ProbeOutcome>(time);
        _loop = new BackgroundLoop(RunAsync);
    }

    public Timeline<ProbeOutcome> Results { get; }

    public async ValueTask DisposeAsync()
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
            var probe = ProbeAsync(n, stopping);
            lock (_inFlight)
            {
                _inFlight.RemoveAll(t => t.IsCompleted);
                _inFlight.Add(probe);
            }
            // A fixed cadence from the start, not 100 ms after each probe began: no drift.
            next += (long)(Interval.TotalSeconds * _time.TimestampFrequency);
            var wait = _time.GetElapsedTime(_time.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stopping).ConfigureAwait(false);
            else next = _time.GetTimestamp();
        }
    }

    private async Task ProbeAsync(int n, CancellationToken stopping)
    {
        var token = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"sshkeep-bench-probe-{n}\n"));
        var started = _time.GetTimestamp();
        bool ok;
        try
        {
            ok = await EchoProbe.RoundTripAsync(_port, token, ProbeTimeout, _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // the benchmark is done with this tunnel
        }
        Results.Add(started, new ProbeOutcome(ok, _time.GetTimestamp()));
    }
}
