namespace SshKeep.Demo;

/// <summary>sshd could not bind its port (another program took it first); the caller tries another port.</summary>
internal sealed class SshdBindException(string message) : Exception(message);
