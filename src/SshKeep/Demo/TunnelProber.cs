using System.Globalization;
using System.Text;

namespace SshKeep.Demo;

/// <summary>
/// Sends a fresh token through the tunnel's local port every 100 ms (one probe at a time) and
/// records each result; reports the moment a working tunnel stops answering.
/// </summary>
internal sealed class TunnelProber : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Long enough for a loaded machine, short enough that a frozen tunnel shows quickly.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly int _port;
    private readonly TimeProvider _time;
    private readonly Action<long> _onLost;
    private readonly BackgroundLoop _loop;

    /// <param name="onLost">Called with the time of the first failed probe after a good one.</param>
    public TunnelProber(int port, TimeProvider time, Action<long> onLost)
    {
        _port = port;
        _time = time;
        _onLost = onLost;
        Results = new Timeline<bool>(time);
        _loop = new BackgroundLoop(ProbeAsync);
    }

    /// <summary>Each probe's result (true = token came back), stamped with the time the probe started.</summary>
    public Timeline<bool> Results { get; }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task ProbeAsync(CancellationToken stopping)
    {
        var last = false;
        for (var n = 1; ; n++)
        {
            var token = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"sshkeep-demo-probe-{n}\n"));
            var started = _time.GetTimestamp();
            var ok = await EchoProbe.RoundTripAsync(_port, token, ProbeTimeout, _time, stopping).ConfigureAwait(false);
            Results.Add(started, ok);
            if (last && !ok) _onLost(_time.GetTimestamp());
            last = ok;
            await Task.Delay(Interval, _time, stopping).ConfigureAwait(false);
        }
    }
}
