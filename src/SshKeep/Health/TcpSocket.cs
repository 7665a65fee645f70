using System.Net;

namespace SshKeep.Health;

/// <summary>One line of /proc/net/tcp or /proc/net/tcp6.</summary>
/// <param name="Remote">Peer address and port; 0.0.0.0:0 (or [::]:0) for a listener.</param>
/// <param name="Retransmits">The "retrnsmt" column: unanswered retransmissions of the current
/// segment (in <see cref="TcpSocketState.SynSent"/>, 1 or more: the first SYN went unanswered).</param>
/// <param name="Inode">The socket's inode, the link to /proc/PID/fd/N ("socket:[INODE]"); 0 for
/// sockets no descriptor holds any more (TIME_WAIT, orphans).</param>
internal sealed record TcpSocket(IPEndPoint Local, IPEndPoint Remote, TcpSocketState State, int Retransmits, uint Uid, ulong Inode);
