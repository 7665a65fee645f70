using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Compat;

/// <summary>
/// The AUTOSSH_LOGFILE destination (R84): each message is one line <c>YYYY/MM/DD HH:MM:SS progname[pid]: text\n</c>
/// in local time, flushed at once as autossh's doerrlog() does, always at the current end of the file (O_APPEND);
/// the text as it is (a newline in it spans lines), write errors ignored as autossh ignores fprintf's result.
/// </summary>
/// <param name="stream">The open log file (<see cref="TryOpen"/>); owned and disposed by this target.</param>
/// <param name="processId">Read per line: the pid changes after <c>-f</c> (R80).</param>
internal sealed class LogFileTarget(Stream stream, string programName, Func<int> processId, TimeProvider timeProvider)
    : IAutosshLogTarget
{
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Opens (creating if needed) AUTOSSH_LOGFILE for appending (R84, R81) as the pid file is opened
    /// (<see cref="OwnFile"/>; docs/compatibility.md row 24). On failure, autossh's fatal "path: reason" (R86).</summary>
    public static bool TryOpen(string path,
        [NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out string? error)
    {
        stream = null;
        if (!OwnFile.TryOpenForWriting(path, LibC.O_APPEND, PidFile.ReadableByAll, out var handle, out _, out var refusal))
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
        // bufferSize 0: every Write reaches the file at once (autossh flushes per line).
        var file = new FileStream(handle, FileAccess.Write, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        stream = file;
        error = null;
        return true;
    }

    public void Write(int severity, string text)
    {
        byte[] line = Encoding.UTF8.GetBytes(
            FormatLine(timeProvider.GetLocalNow(), programName, processId(), text));
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                if (stream.CanSeek) stream.Seek(0, SeekOrigin.End);
                stream.Write(line);
                stream.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Disk full, file system gone…: autossh ignores fprintf/fflush failures.
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            stream.Dispose();
        }
    }

    /// <summary>One log-file line, newline included.</summary>
    internal static string FormatLine(DateTimeOffset localTime, string programName, int pid, string text) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{localTime:yyyy/MM/dd HH:mm:ss} {programName}[{pid}]: {text}\n");
}
