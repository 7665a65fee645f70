using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace SshKeep.Observability;

/// <summary>Opens AUTOSSH_LOGFILE the way autossh does (spec R84, R86 "cannot open log file").</summary>
public static class AutosshLogFile
{
    /// <summary>
    /// Opens (creating if needed, mode 0666 &amp; ~umask) <paramref name="path"/> for appending.
    /// On failure <paramref name="error"/> is autossh's fatal message, worded as its
    /// <c>xerrlog(LOG_ERR, "%s: %s", path, strerror(errno))</c>: <c>&lt;path&gt;: &lt;reason&gt;</c>,
    /// e.g. <c>/nonexistent/x.log: No such file or directory</c>. The caller logs it at ERR and
    /// exits 1. A relative path is relative to the current directory (R81).
    /// </summary>
    public static bool TryOpen(string path,
        [NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        stream = null;
        error = null;
        try
        {
            // Not FileMode.Append: .NET's Append forbids seeking back, and LogFileTarget seeks to
            // the end before each line to behave like O_APPEND. bufferSize 0: every Write reaches
            // the file at once (autossh flushes per line).
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write,
                FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            file.Seek(0, SeekOrigin.End);
            stream = file;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = $"{path}: {Describe(e, path)}";
            return false;
        }
    }

    /// <summary>
    /// strerror()-style reason. .NET turns errno into exception types (and, with
    /// UseSystemResourceKeys, into resource keys), so the common cases are worded back here;
    /// other IOExceptions carry the errno in HResult on Unix.
    /// </summary>
    private static string Describe(Exception e, string path) => e switch
    {
        PathTooLongException => "File name too long",
        FileNotFoundException or DirectoryNotFoundException =>
            HasFileAncestor(path) ? "Not a directory" : "No such file or directory",
        UnauthorizedAccessException => Directory.Exists(path) ? "Is a directory" : "Permission denied",
        IOException { HResult: > 0 and < 4096 } io => Marshal.GetPInvokeErrorMessage(io.HResult),
        _ => e.Message,
    };

    /// <summary>True when some parent of <paramref name="path"/> is a regular file (ENOTDIR).</summary>
    private static bool HasFileAncestor(string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        while (!string.IsNullOrEmpty(dir))
        {
            if (File.Exists(dir)) return true;
            if (Directory.Exists(dir)) return false;
            dir = Path.GetDirectoryName(dir);
        }
        return false;
    }
}
