namespace SshKeep.Native;

/// <summary>The few fields of statx(2) the daemon checks: owner, kind, and identity (device and inode).</summary>
internal readonly record struct FileStatus(uint Uid, uint Mode, ulong Device, ulong Inode)
{
    public uint Type => Mode & LibC.S_IFMT;

    public uint Permissions => Mode & 0xFFF;

    public bool IsDirectory => Type == LibC.S_IFDIR;

    public bool IsSymbolicLink => Type == LibC.S_IFLNK;

    public bool IsSocket => Type == LibC.S_IFSOCK;

    public bool IsRegularFile => Type == LibC.S_IFREG;

    public bool SameFileAs(FileStatus other) => Device == other.Device && Inode == other.Inode;

    /// <summary>lstat-like: a symlink is described, not followed.</summary>
    public static unsafe bool TryGet(string path, out FileStatus status, out int errno)
    {
        byte* buffer = stackalloc byte[LibC.StatxSize];
        return Decode(LibC.statx(LibC.AT_FDCWD, path, LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_BASIC_STATS, buffer), buffer, out status, out errno);
    }

    /// <summary>fstat-like, for a file we hold open.</summary>
    public static unsafe bool TryGet(SafeFileHandle handle, out FileStatus status, out int errno)
    {
        byte* buffer = stackalloc byte[LibC.StatxSize];
        return Decode(LibC.statx(handle, "", LibC.AT_EMPTY_PATH, LibC.STATX_BASIC_STATS, buffer), buffer, out status, out errno);
    }

    /// <summary>statx's result, and struct statx (linux/stat.h): stx_uid at 20, stx_mode at 28 (u16),
    /// stx_ino at 32, stx_dev_major at 136 and stx_dev_minor at 140. Native byte order.</summary>
    private static unsafe bool Decode(int result, byte* buffer, out FileStatus status, out int errno)
    {
        var statx = new ReadOnlySpan<byte>(buffer, LibC.StatxSize);
        ulong device = ((ulong)MemoryMarshal.Read<uint>(statx[136..]) << 32) | MemoryMarshal.Read<uint>(statx[140..]);
        status = result == 0 ? new(MemoryMarshal.Read<uint>(statx[20..]), MemoryMarshal.Read<ushort>(statx[28..]), device, MemoryMarshal.Read<ulong>(statx[32..])) : default;
        errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        return result == 0;
    }
}
