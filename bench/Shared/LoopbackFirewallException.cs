namespace SshKeep.Demo;

/// <summary>A <see cref="LoopbackFirewall"/> could not add or remove its rules; the message is one line
/// that says why (not root, no iptables, or iptables' own error).</summary>
internal sealed class LoopbackFirewallException(string message) : Exception(message);
