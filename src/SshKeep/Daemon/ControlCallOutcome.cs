namespace SshKeep.Daemon;

/// <summary><see cref="NoDaemon"/>: no socket, or one nobody listens on (<c>status</c> exits 3).</summary>
internal enum ControlCallOutcome
{
    Answered,
    NoDaemon,
    Failed,
}
