using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Compat;

/// <summary>autossh's pid file (docs/autossh-rules.md R83), opened as docs/compatibility.md row 23 says.</summary>
internal sealed class PidFile : IDisposable
{
    /// <summary>0644 less the umask, for the log file too (R84).</summary>
    internal const uint ReadableByAll = 0x1A4;

    /// <summary>022.</summary>
    private const uint GroupOrOtherWrite = 0x12;

    private int _removed;

    private PidFile(string path)
    {
        Path = path;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>As given (R81).</summary>
    public string Path { get; }

    public static bool TryCreate(string path, [NotNullWhen(true)] out PidFile? pidFile, [NotNullWhen(false)] out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        pidFile = null;
        // Not O_TRUNC: whether the file may be truncated is decided by OwnFile, once we know whose it is.
        if (!OwnFile.TryOpenForWriting(path, 0, ReadableByAll, out var handle, out var opened, out var refusal))
        {
            error = refusal switch
            {
                OwnFileRefusal.OtherOwner other =>
                    $"pid file \"{path}\" belongs to uid {other.Owner}, not to us (uid {other.Us}); remove it or choose another AUTOSSH_PIDFILE",
                OwnFileRefusal.NotRegularFile => $"cannot open pid file \"{path}\": not a regular file; remove it",
                OwnFileRefusal.Failed failed => $"cannot open pid file \"{path}\": {LibC.StrError(failed.Errno)}",
                _ => throw new InvalidOperationException($"unexpected refusal {refusal}"),
            };
            return false;
        }
        using (handle)
        {
            if ((opened.Permissions & GroupOrOtherWrite) != 0 && LibC.fchmod(handle, opened.Permissions & ~GroupOrOtherWrite) != 0 ||
                LibC.ftruncate(handle, 0) != 0)
            {
                error = $"cannot open pid file \"{path}\": {LibC.StrError(Marshal.GetLastPInvokeError())}";
                return false;
            }
            try
            {
                // The message is strerror's, the handle having no path.
                RandomAccess.Write(handle, Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"), 0);
            }
            catch (IOException e)
            {
                LibC.unlink(path);
                error = $"write failed to pid file \"{path}\": {e.Message}";
                return false;
            }
        }
        pidFile = new PidFile(path);
        error = null;
        return true;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _removed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        // A missing file is not an error worth reporting.
        LibC.unlink(Path);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
