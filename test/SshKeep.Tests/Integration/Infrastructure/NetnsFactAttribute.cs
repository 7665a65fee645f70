namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>A [Fact] that runs only when the machine can run sshd in its own network namespace (root, unshare, ip).</summary>
public sealed class NetnsFactAttribute() : RequiresFactAttribute(Needs.NetworkNamespace);
