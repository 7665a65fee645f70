using System.Net;

namespace SshKeep.Health;

/// <summary>ssh's own TCP connection to its server, as the kernel sees it (<see cref="ConnectStall"/>).</summary>
/// <param name="Fd">ssh's descriptor for it.</param>
/// <param name="Remote">The endpoint ssh chose from what the name resolved to: the right one for a reachability check.</param>
/// <param name="Retransmits">SYNs (or segments) resent without an answer; ≥ 1 in SynSent means the first SYN was lost.</param>
internal sealed record ServerConnection(int Fd, IPEndPoint Local, IPEndPoint Remote, TcpSocketState State, int Retransmits)
{
    public bool IsConnecting => State == TcpSocketState.SynSent;
}
