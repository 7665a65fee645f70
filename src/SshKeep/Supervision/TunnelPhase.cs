namespace SshKeep.Supervision;

/// <summary>Where <see cref="TunnelMachine"/> is: finer than the <see cref="TunnelState"/> users see
/// (the picture: docs/daemon.md, "The tunnel machine").</summary>
internal enum TunnelPhase
{
    Idle,

    /// <summary>Waiting for <see cref="TunnelEvent.SshStarted"/>.</summary>
    Launching,

    /// <summary>ssh runs; waiting for "Authenticated" or the connect timeout.</summary>
    Connecting,

    CheckingListeners,

    /// <summary>A listener did not accept; the next check is on the timer.</summary>
    PollingListeners,

    /// <summary>The session is there; ssh must keep running for the settle time.</summary>
    Settling,

    /// <summary>The end-to-end probes run; the tunnel is up at their first pass.</summary>
    Proving,

    Up,

    /// <summary>Waiting for ssh's exit after a stop.</summary>
    StoppingSsh,

    /// <summary>ssh exited; its last stderr lines are read until EOF or the timer.</summary>
    Exiting,

    /// <summary>Waiting for <see cref="TunnelEvent.RunSettled"/>.</summary>
    Closing,

    /// <summary>Waiting before the next start (back-off, held remote port, needs attention).</summary>
    Waiting,

    Stopped,
}
