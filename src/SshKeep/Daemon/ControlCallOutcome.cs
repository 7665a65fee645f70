namespace SshKeep.Daemon;

/// <summary>How a <see cref="ControlClient"/> call ended: the daemon <see cref="Answered"/> (perhaps
/// with a failure), <see cref="NoDaemon"/> runs (no socket, or one nobody listens on: <c>status</c>
/// exits 3), or it <see cref="Failed"/> otherwise (permission denied, timeout, a broken answer).</summary>
internal enum ControlCallOutcome
{
    Answered,
    NoDaemon,
    Failed,
}
