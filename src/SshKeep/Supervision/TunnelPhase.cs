namespace SshKeep.Supervision;

/// <summary>Finer than the <see cref="TunnelState"/> users see (docs/daemon.md, "The tunnel machine").</summary>
internal enum TunnelPhase
{
    Idle,
    Launching,
    Connecting,
    CheckingListeners,
    PollingListeners,
    Settling,
    Proving,
    Up,
    StoppingSsh,
    Exiting,
    Closing,
    Waiting,
    Stopped,
}
