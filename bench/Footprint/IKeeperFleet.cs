namespace SshKeep.Bench.Footprint;

/// <summary>Whatever keeps the tunnels of one scenario: one sshkeep daemon, or one autossh per tunnel.</summary>
internal interface IKeeperFleet : IAsyncDisposable
{
    /// <summary>The keeper processes whose memory and CPU count (never their ssh children).</summary>
    IReadOnlyList<int> Pids { get; }

    /// <summary>Starts every tunnel, <paramref name="batch"/> at a time, each batch once the one
    /// before is up; throws <see cref="TimeoutException"/> when a batch does not come up in time.</summary>
    Task StartAsync(int batch, CancellationToken cancellationToken);

    /// <summary>How many tunnels are up now.</summary>
    int CountUp();
}
