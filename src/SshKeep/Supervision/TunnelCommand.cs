namespace SshKeep.Supervision;

/// <summary>What a person (CLI, signal) or an event can ask of one tunnel.</summary>
internal enum TunnelCommand
{
    /// <summary>End a wait now (SIGUSR1, `retry-now`).</summary>
    RetryNow,

    /// <summary>Stop the running ssh and start a new one now (`restart NAME`).</summary>
    Restart,

    /// <summary>The network changed: a waiting tunnel retries now, an up one is probed now.</summary>
    NetworkChanged,
}
