using SshKeep.Demo;

namespace SshKeep.Bench.Footprint;

/// <summary>
/// The comparison: one autossh 1.4g per tunnel, as its manual suggests for a fleet
/// (`autossh -M 0 -N -o ServerAliveInterval=10 -o ServerAliveCountMax=3 -L …`), plus the
/// throwaway sshd's own client options (its key, its known_hosts, BatchMode, -F /dev/null).
/// A tunnel is up when its local listener accepts.
/// </summary>
internal sealed class AutosshFleet(string autossh, ThrowawaySshd sshd, TunnelPlan plan, TimeSpan batchDeadline) : IKeeperFleet
{
    private readonly List<BackgroundProcess> _keepers = [];

    public IReadOnlyList<int> Pids => [.. _keepers.Where(k => !k.HasExited).Select(k => k.Pid)];

    public async Task StartAsync(int batch, CancellationToken cancellationToken)
    {
        for (var first = 0; first < plan.Count; first += Math.Max(1, batch))
        {
            var last = Math.Min(plan.Count, first + Math.Max(1, batch));
            for (var i = first; i < last; i++)
            {
                _keepers.Add(BackgroundProcess.Start(autossh,
                [
                    "-M", "0", "-N",
                    "-o", "ServerAliveInterval=10", "-o", "ServerAliveCountMax=3",
                    .. sshd.ClientOptions,
                    "-L", plan.Forward(i),
                    sshd.Destination,
                ]));
            }
            var started = TimeProvider.System.GetTimestamp();
            while (Enumerable.Range(0, last).Any(i => !plan.Listening(i)))
            {
                var exited = _keepers.FirstOrDefault(k => k.HasExited);
                if (exited is not null)
                    throw new InvalidOperationException($"autossh exited with {await exited.Exited}: {exited.StandardError}");
                if (TimeProvider.System.GetElapsedTime(started) > batchDeadline)
                    throw new TimeoutException($"{Enumerable.Range(0, last).Count(plan.Listening)} of {last} autossh tunnels listening after {batchDeadline.TotalSeconds:0} s");
                await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
            }
        }
    }

    public int CountUp() => Enumerable.Range(0, _keepers.Count).Count(plan.Listening);

    public async ValueTask DisposeAsync()
    {
        // autossh forwards SIGTERM to its ssh and exits; all at once, so 300 of them take one grace.
        await Task.WhenAll(_keepers.Select(async k => await k.DisposeAsync()));
    }
}
