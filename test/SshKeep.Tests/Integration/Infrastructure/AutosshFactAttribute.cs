namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>A [Fact] that runs only when the real autossh is installed, to compare sshkeep against it.</summary>
public sealed class AutosshFactAttribute() : RequiresFactAttribute(Needs.Autossh);
