using SshKeep.Demo;
using SshKeep.Health;

namespace SshKeep.Bench.Soak;

/// <summary>
/// Which of the throwaway sshd's sessions serves one tunnel: the client ssh's TCP connection to the
/// sshd port has a local port X; the session whose processes hold the server end (sshd port ↔ X)
/// is that tunnel's. The link is the socket inode in /proc/PID/fd and /proc/net/tcp.
/// </summary>
internal static class ServerSessions
{
    /// <summary>The session's processes (the per-connection sshd and its descendants), or empty when
    /// the client has no established connection to sshd or no session holds its other end.</summary>
    public static IReadOnlyList<ProcessIdentity> ServingClient(ThrowawaySshd sshd, int clientPid)
    {
        if (sshd.ListenerPid is not { } listener) return [];
        var clientInodes = ProcessSockets.Of(clientPid).Select(s => s.Inode).ToHashSet();
        var table = TcpSocketTable.Read();
        var link = table.FirstOrDefault(s => clientInodes.Contains(s.Inode) && s.Remote.Port == sshd.Port && s.State == TcpSocketState.Established);
        if (link is null) return [];
        var serverInodes = table.Where(s => s.Local.Port == sshd.Port && s.Remote.Port == link.Local.Port && s.Inode != 0)
                                .Select(s => s.Inode).ToHashSet();
        foreach (var session in ProcessTable.ChildrenOf(listener))
        {
            List<ProcessIdentity> members = [session, .. ProcessTable.DescendantsOf(session.Pid)];
            if (members.Any(m => ProcessSockets.Of(m.Pid).Any(s => serverInodes.Contains(s.Inode)))) return members;
        }
        return [];
    }
}
