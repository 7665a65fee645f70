using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>
/// Opens a file we write at a path someone else may have prepared (a pid file or log file in a
/// shared directory; docs/security.md): the pid file's rules, shared with AUTOSSH_LOGFILE.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>O_NOFOLLOW: a symlink at the final component is refused (ELOOP), never followed, so
/// nobody can make us write, truncate or create a file of their choosing;</item>
/// <item>O_NONBLOCK: a FIFO planted at the path fails at once (ENXIO) instead of hanging the open
/// for ever; anything but a regular file is then refused;</item>
/// <item>a file owned by another uid is refused and left alone (whoever owns it can change it
/// behind our back);</item>
/// <item>a new file gets the caller's mode less the umask, created without following anything.</item>
/// </list>
/// </remarks>
internal static class OwnFile
{
    /// <summary>Opens <paramref name="path"/> write-only (O_CREAT, plus <paramref name="extraFlags"/>
    /// such as O_APPEND) under the rules above. The handle is blocking-agnostic: O_NONBLOCK has no
    /// effect on a regular file.</summary>
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
