using System.Net;

namespace SshKeep.Health;

/// <summary>ssh's own TCP connection to its server, as the kernel sees it (<see cref="ConnectStall"/>).</summary>
/// <param name="Remote">The endpoint ssh chose: the right one for a reachability check.</param>
internal sealed record ServerConnection(int Fd, IPEndPoint Local, IPEndPoint Remote, TcpSocketState State, int Retransmits)
{
    public bool IsConnecting => State == TcpSocketState.SynSent;
}
