using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Compat;

/// <summary>AUTOSSH_LOGFILE (docs/autossh-rules.md R84), texts as they are (a newline spans lines).</summary>
/// <param name="stream">Owned from now on.</param>
/// <param name="processId">Read per line (R80).</param>
internal sealed class LogFileTarget(Stream stream, string programName, Func<int> processId, TimeProvider timeProvider)
    : IAutosshLogTarget
{
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Opened as the pid file is (R81; docs/compatibility.md row 24); on failure "path: reason" (R86).</summary>
    public static bool TryOpen(string path, [NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out string? error)
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
        // bufferSize 0: autossh flushes per line.
        var file = new FileStream(handle, FileAccess.Write, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        stream = file;
        error = null;
        return true;
    }

    public void Write(int severity, string text)
    {
        byte[] line = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{timeProvider.GetLocalNow():yyyy/MM/dd HH:mm:ss} {programName}[{processId()}]: {text}\n"));
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
                // autossh ignores fprintf/fflush failures.
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
}
