using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SshKeep.Ssh;

namespace SshKeep.Daemon;

/// <summary>
/// autossh's pid file (R83): our own pid in decimal and a newline, created or truncated, mode
/// 0666 less the umask (0644 usually), written once and removed when we end through our own code.
/// </summary>
/// <remarks>
/// Unlike autossh's fopen, the final path component is opened with O_NOFOLLOW: pid files often
/// live in shared directories, and following a planted symlink would let someone else make us
/// truncate any file we can write. The file is also removed at process exit (ProcessExit), which
/// covers a normal return from Main without an explicit Dispose.
/// </remarks>
public sealed class PidFile : IDisposable
{
    private int _removed;

    private PidFile(string path)
    {
        Path = path;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The path as given (relative paths are relative to the current directory, "/" after -f: R81).</summary>
    public string Path { get; }

    /// <summary>Writes the pid file, or throws <see cref="PidFileException"/> with autossh's message.</summary>
    public static PidFile Create(string path) =>
        TryCreate(path, out var pidFile, out string? error) ? pidFile : throw new PidFileException(error);

    /// <summary>Writes the pid file; on failure returns false and autossh's message.</summary>
    public static unsafe bool TryCreate(string path, [NotNullWhen(true)] out PidFile? pidFile, [NotNullWhen(false)] out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        pidFile = null;
        int fd = LibC.open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0x1B6 /* 0666 */);
        if (fd < 0)
        {
            error = $"cannot open pid file \"{path}\": {LibC.StrError(Marshal.GetLastPInvokeError())}";
            return false;
        }
        using (var handle = new SafeFileHandle(fd, ownsHandle: true))
        {
            byte[] content = Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
            int written = 0;
            while (written < content.Length)
            {
                nint n;
                fixed (byte* p = content) n = LibC.write(handle, p + written, content.Length - written);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EINTR) continue;
                    LibC.unlink(path);
                    error = $"write failed to pid file \"{path}\": {LibC.StrError(errno)}";
                    return false;
                }
                written += (int)n;
            }
        }
        pidFile = new PidFile(path);
        error = null;
        return true;
    }

    /// <summary>Removes the file (once; later calls do nothing).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _removed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        // Like autossh's unlink at exit: a missing file is not an error worth reporting.
        LibC.unlink(Path);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
