using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>Opens a file we write at a path someone else may have prepared (the pid file, AUTOSSH_LOGFILE;
/// docs/security.md): O_NOFOLLOW, so nobody can make us write a file of their choosing; O_NONBLOCK, so a
/// planted FIFO fails at once instead of hanging the open (no effect on a regular file).</summary>
internal static class OwnFile
{
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
