namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>A [Fact] that runs only when the machine has the real autossh and OpenSSH.</summary>
public sealed class AutosshFactAttribute() : RequiresFactAttribute(Needs.Autossh | Needs.Sshd);
