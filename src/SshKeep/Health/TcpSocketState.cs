namespace SshKeep.Health;

/// <summary>The "st" column of /proc/net/tcp, valued as include/net/tcp_states.h so a parsed line casts straight to the
/// enum. A value the kernel adds later still parses (as its number); nothing here switches exhaustively over it.</summary>
internal enum TcpSocketState
{
    Established = 1,
    SynSent = 2,
    SynReceived = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
    NewSynReceived = 12,
}
