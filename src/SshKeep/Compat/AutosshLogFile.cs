using System.Diagnostics.CodeAnalysis;
using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Compat;

/// <summary>Opens AUTOSSH_LOGFILE for appending (spec R84, R86 "cannot open log file"), as the pid
/// file is opened (<see cref="OwnFile"/>), not as autossh's <c>fopen(path, "a")</c>.</summary>
/// <remarks>
/// Log files, like pid files, live in shared directories (docs/security.md): a symlink at the
/// path is refused instead of followed (autossh appends to, or creates, whatever it points at), a
/// FIFO is refused instead of hanging the start, and a file owned by another uid is refused. A new
/// file is created 0644 less the umask (autossh: 0666 less the umask), never writable by others
/// under any umask. docs/compatibility.md lists the difference.
/// </remarks>
internal static class AutosshLogFile
{
    /// <summary>0644.</summary>
    private const uint ReadableByAll = 0x1A4;

    /// <summary>
    /// Opens (creating if needed) <paramref name="path"/> for appending. On failure
    /// <paramref name="error"/> is autossh's fatal message, worded as its
    /// <c>xerrlog(LOG_ERR, "%s: %s", path, strerror(errno))</c>: <c>&lt;path&gt;: &lt;reason&gt;</c>,
    /// e.g. <c>/nonexistent/x.log: No such file or directory</c>, or for a symlink
    /// <c>/tmp/x.log: Too many levels of symbolic links</c>. The caller logs it at ERR and exits 1.
    /// A relative path is relative to the current directory (R81).
    /// </summary>
    public static bool TryOpen(string path,
        [NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        stream = null;
        if (!OwnFile.TryOpenForWriting(path, LibC.O_APPEND, ReadableByAll, out var handle, out _, out var refusal))
        {
            error = refusal switch
            {
                OwnFileRefusal.OtherOwner other =>
                    $"{path}: belongs to uid {other.Owner}, not to us (uid {other.Us}); remove it or choose another AUTOSSH_LOGFILE",
                OwnFileRefusal.NotRegularFile => $"{path}: not a regular file; choose another AUTOSSH_LOGFILE",
                OwnFileRefusal.Failed failed => $"{path}: {LibC.StrError(failed.Errno)}",
                _ => throw new InvalidOperationException($"unexpected refusal {refusal}"),
            };
            return false;
        }
        // bufferSize 0: every Write reaches the file at once (autossh flushes per line). LogFileTarget
        // also seeks to the end before each line; O_APPEND makes every write land there anyway.
        var file = new FileStream(handle, FileAccess.Write, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        stream = file;
        error = null;
        return true;
    }
}
