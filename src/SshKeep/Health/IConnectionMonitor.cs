namespace SshKeep.Health;

/// <summary>One end-to-end test of a tunnel (autossh's conn_test, spec R49, or a daemon probe).</summary>
internal interface IConnectionMonitor : IDisposable
{
    /// <summary>Runs one test; true when the bytes came back intact. Cancellation (for example a
    /// signal arriving during the test, R76) ends the test as failed.</summary>
    Task<bool> TestAsync(CancellationToken cancellationToken);
}
