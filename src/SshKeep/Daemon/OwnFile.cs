using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>
/// Opens a file we write at a path someone else may have prepared (the pid file, AUTOSSH_LOGFILE;
/// docs/security.md): O_NOFOLLOW, so a symlink is refused and nobody can make us write a file of
/// their choosing; O_NONBLOCK, so a planted FIFO fails at once instead of hanging the open; then
/// anything but a regular file of our own uid is refused and left alone.
/// </summary>
internal static class OwnFile
{
    /// <summary>Opens <paramref name="path"/> write-only (O_CREAT, plus <paramref name="extraFlags"/>
    /// such as O_APPEND); O_NONBLOCK has no effect on a regular file.</summary>
    public static bool TryOpenForWriting(string path, int extraFlags, uint createMode,
        [NotNullWhen(true)] out SafeFileHandle? handle, out FileStatus status, [NotNullWhen(false)] out OwnFileRefusal? refusal)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        handle = null;
        status = default;
        int fd = LibC.open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_CLOEXEC | extraFlags, createMode);
        if (fd < 0)
        {
            refusal = new OwnFileRefusal.Failed(Marshal.GetLastPInvokeError());
            return false;
        }
        var opened = new SafeFileHandle(fd, ownsHandle: true);
        uint us = LibC.geteuid();
        if (!FileStatus.TryGet(opened, out status, out int errno)) refusal = new OwnFileRefusal.Failed(errno);
        else if (!status.IsRegularFile) refusal = new OwnFileRefusal.NotRegularFile();
        else if (status.Uid != us) refusal = new OwnFileRefusal.OtherOwner(status.Uid, us);
        else refusal = null;
        if (refusal is not null)
        {
            opened.Dispose();
            return false;
        }
        handle = opened;
        return true;
    }
}
