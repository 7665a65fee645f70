namespace SshKeep.Config;

/// <summary>When the daemon tells systemd it is ready: every enabled tunnel has been up once, or has
/// had its first attempt whatever the outcome.</summary>
internal enum ReadyWhen
{
    AllUp,
    FirstAttempt,
}
