namespace SshKeep.Config;

/// <summary>When the daemon tells systemd it is ready.</summary>
internal enum ReadyWhen
{
    /// <summary>Every enabled tunnel has been up once.</summary>
    AllUp,

    /// <summary>Every enabled tunnel has had its first attempt, whatever the outcome.</summary>
    FirstAttempt,
}
