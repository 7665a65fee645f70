namespace SshKeep.Native;

/// <summary>SO_PEERCRED: the peer of a Unix socket as the kernel recorded it at connect; the peer cannot forge it.</summary>
internal readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
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
