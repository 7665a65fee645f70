namespace SshKeep.Ssh;

internal interface ISshLauncher
{
    /// <exception cref="SshStartException">It cannot be executed (ENOENT, …).</exception>
    ISshProcess Start(SshStartInfo startInfo);
}
