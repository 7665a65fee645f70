namespace SshKeep.Supervision;

/// <summary>Where <see cref="TunnelMachine"/> is: finer than the <see cref="TunnelState"/> users see.</summary>
internal enum TunnelPhase
{
    /// <summary>Not begun.</summary>
    Idle,

    /// <summary>ssh is being started (waiting for <see cref="TunnelEvent.SshStarted"/>).</summary>
    Launching,

    /// <summary>ssh runs; waiting for "Authenticated" or the connect timeout.</summary>
    Connecting,

    /// <summary>A check of the local listeners is under way.</summary>
    CheckingListeners,

    /// <summary>A listener did not accept; the next check is on the timer.</summary>
    PollingListeners,

    /// <summary>The session is there; ssh must keep running for the settle time.</summary>
    Settling,

    /// <summary>The end-to-end probes run; the tunnel is up at their first pass.</summary>
    Proving,

    /// <summary>The tunnel is up.</summary>
    Up,

    /// <summary>ssh is being stopped (waiting for its exit).</summary>
    StoppingSsh,

    /// <summary>ssh exited; its last stderr lines are read until EOF or the timer.</summary>
    Exiting,

    /// <summary>The run is being settled (waiting for <see cref="TunnelEvent.RunSettled"/>).</summary>
    Closing,

    /// <summary>Waiting before the next start (back-off, held remote port, needs attention).</summary>
    Waiting,

    /// <summary>Stopped for good.</summary>
    Stopped,
}
