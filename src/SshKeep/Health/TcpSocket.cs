using System.Net;

namespace SshKeep.Health;

/// <summary>One line of /proc/net/tcp or /proc/net/tcp6.</summary>
/// <param name="Local">Local address and port (for a listener, what it is bound to).</param>
/// <param name="Remote">Peer address and port; 0.0.0.0:0 (or [::]:0) for a listener.</param>
/// <param name="State">The TCP state.</param>
/// <param name="Retransmits">The "retrnsmt" column: unanswered retransmissions of the current
/// segment. For a socket in <see cref="TcpSocketState.SynSent"/>, 1 or more means the first SYN
/// already went unanswered, which is what tells "stuck connecting" from "connecting right now".</param>
/// <param name="Uid">The owner's user id.</param>
/// <param name="Inode">The socket's inode, the link to /proc/PID/fd/N ("socket:[INODE]"); 0 for
/// sockets no descriptor holds any more (TIME_WAIT, orphans).</param>
internal sealed record TcpSocket(IPEndPoint Local, IPEndPoint Remote, TcpSocketState State, int Retransmits, uint Uid, ulong Inode);
