namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>A [Fact] that runs only when the machine has sshd, ssh and ssh-keygen.</summary>
public sealed class SshdFactAttribute() : RequiresFactAttribute(Needs.Sshd);
