using System.Net;

namespace SshKeep.Health;

/// <summary>ssh's TCP connection to its server, as the kernel's socket table shows it.</summary>
/// <param name="Server">The server's address and port.</param>
/// <param name="Connecting">True while the connect has not completed (SYN_SENT): the SYN or its
/// answer was lost and the kernel is retransmitting on its own schedule (1, 3, 7, 15 s…).</param>
internal sealed record SshConnection(IPEndPoint Server, bool Connecting);
