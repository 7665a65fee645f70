using System.Net.Sockets;
using System.Runtime.InteropServices;
namespace SshKeep.Native;

/// <summary>Who is at the other end of a Unix socket, as the kernel recorded it at connect time
/// (SO_PEERCRED: struct ucred { pid_t pid; uid_t uid; gid_t gid; }). It cannot be forged by the peer.
/// For a connecting client these are the listener's: whoever called listen(2) on the socket.</summary>
internal readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    /// <summary>Reads SO_PEERCRED; false when the socket has none (not AF_UNIX, or already closed).</summary>
    public static bool TryRead(Socket socket, out PeerCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[12];
        int length;
        try
        {
            length = socket.GetRawSocketOption(LibC.SOL_SOCKET, LibC.SO_PEERCRED, ucred);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            length = 0;
        }

        credentials = length != ucred.Length ? default
            : new PeerCredentials(MemoryMarshal.Read<int>(ucred), MemoryMarshal.Read<uint>(ucred[4..]), MemoryMarshal.Read<uint>(ucred[8..]));
        return length == ucred.Length;
    }
}
