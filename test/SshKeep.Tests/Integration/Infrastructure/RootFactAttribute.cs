namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>A [Fact] that runs only when the machine runs as root.</summary>
public sealed class RootFactAttribute() : RequiresFactAttribute(Needs.Root);
