namespace SshKeep.Health;

/// <summary>One end-to-end test of a tunnel (autossh's conn_test, spec R49, or a daemon probe).</summary>
internal interface IConnectionMonitor : IDisposable
{
    /// <summary>True when the bytes came back intact; cancellation (a signal during the test, R76) is a failure.</summary>
    Task<bool> TestAsync(CancellationToken cancellationToken);
}
