namespace SshKeep.Health;

/// <summary>A socket a process holds: its descriptor number and the socket's inode (the key into <see cref="TcpSocketTable"/>).</summary>
internal readonly record struct HeldSocket(int Fd, ulong Inode);
