namespace SshKeep.Health;

/// <param name="Retransmits">Unanswered retransmissions of the current segment.</param>
/// <param name="Inode">0 for sockets no descriptor holds (TIME_WAIT, orphans).</param>
internal sealed record TcpSocket(IPEndPoint Local, IPEndPoint Remote, TcpSocketState State, int Retransmits, uint Uid, ulong Inode);
