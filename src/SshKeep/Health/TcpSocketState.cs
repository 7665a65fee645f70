namespace SshKeep.Health;

/// <summary>The "st" column, valued as include/net/tcp_states.h; a state a later kernel adds parses as its number.</summary>
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
