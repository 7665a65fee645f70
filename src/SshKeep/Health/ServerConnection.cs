using System.Net;

namespace SshKeep.Health;

/// <summary>ssh's own TCP connection to its server, as the kernel sees it (<see cref="ConnectStall"/>).</summary>
/// <param name="Fd">ssh's descriptor for it.</param>
/// <param name="Local">Our end.</param>
/// <param name="Remote">The server's address and port: the endpoint ssh chose from what the name
/// resolved to, so it is the right one for a reachability check.</param>
/// <param name="State"><see cref="TcpSocketState.SynSent"/> while connecting, <see cref="TcpSocketState.Established"/> after.</param>
/// <param name="Retransmits">SYNs (or segments) resent without an answer; ≥ 1 in SynSent means the first SYN was lost.</param>
internal sealed record ServerConnection(int Fd, IPEndPoint Local, IPEndPoint Remote, TcpSocketState State, int Retransmits)
{
    /// <summary>ssh is still in connect(): no SYN-ACK yet.</summary>
    public bool IsConnecting => State == TcpSocketState.SynSent;
}
