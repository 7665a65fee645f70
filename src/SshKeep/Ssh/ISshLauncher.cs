namespace SshKeep.Ssh;

/// <summary>Starts ssh children. The real one uses posix_spawn; tests use a fake.</summary>
internal interface ISshLauncher
{
    /// <exception cref="SshStartException">It cannot be executed (ENOENT, …).</exception>
    ISshProcess Start(SshStartInfo startInfo);
}
