using System.Net;

namespace SshKeep.Health;

/// <summary>ssh's TCP connection to its server, as the kernel's socket table shows it.</summary>
/// <param name="Connecting">SYN_SENT: the kernel retransmits on its own schedule (1, 3, 7, 15 s…).</param>
internal sealed record SshConnection(IPEndPoint Server, bool Connecting);
