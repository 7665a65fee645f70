namespace SshKeep.Config;

/// <summary>When the daemon tells systemd it is ready (docs/daemon.md, "Readiness").</summary>
internal enum ReadyWhen
{
    AllUp,
    FirstAttempt,
}
