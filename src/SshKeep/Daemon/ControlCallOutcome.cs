namespace SshKeep.Daemon;

/// <summary>How a <see cref="ControlClient"/> call ended.</summary>
internal enum ControlCallOutcome
{
    /// <summary>The daemon answered (the answer itself may be a failure: see <see cref="ControlResponse.Ok"/>).</summary>
    Answered,

    /// <summary>No daemon runs for this config file: no socket, or a socket nobody listens on
    /// (left by a daemon that was killed). <c>sshkeep status</c> exits 3.</summary>
    NoDaemon,

    /// <summary>Something else went wrong: permission denied, timeout, a connection cut, an answer that is not one.</summary>
    Failed,
}
