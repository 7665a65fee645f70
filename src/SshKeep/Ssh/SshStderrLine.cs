namespace SshKeep.Ssh;

internal readonly record struct SshStderrLine(SshFailureKind Kind, int? Port = null)
{
    /// <summary>A permanent failure: retrying quickly cannot help, a person must act.</summary>
    public bool IsPermanent => Kind is SshFailureKind.AuthenticationRefused or SshFailureKind.HostKeyRejected or SshFailureKind.BadConfiguration;
}
