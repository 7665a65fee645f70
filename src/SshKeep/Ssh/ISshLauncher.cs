namespace SshKeep.Ssh;

/// <summary>Starts ssh children. The real one uses posix_spawn; tests use a fake.</summary>
internal interface ISshLauncher
{
    /// <summary>Starts the program. Throws <see cref="SshStartException"/> when it cannot be
    /// executed (for example ENOENT), with the message autossh prints: "&lt;path&gt;: &lt;reason&gt;".</summary>
    ISshProcess Start(SshStartInfo startInfo);
}
