using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Compat;

/// <summary>
/// The AUTOSSH_LOGFILE destination (spec R84): each message is one line
/// <c>YYYY/MM/DD HH:MM:SS progname[pid]: text\n</c> in local time, written and flushed at once
/// (autossh's doerrlog() calls fflush per line), e.g.
/// <c>2026/11/22 09:13:47 autossh[13124]: starting ssh (count 1 of 1)</c>.
/// </summary>
/// <remarks>
/// The text is written as it is, so a message containing a newline spans several lines, as in
/// autossh ("not what I sent" carries the test line's <c>\r\n</c>). Every line is written at the
/// current end of the file, as autossh's O_APPEND gives when another process appends or logrotate
/// truncates. Write errors are ignored, as autossh ignores fprintf's result.
/// </remarks>
internal sealed class LogFileTarget : IAutosshLogTarget
{
    /// <summary>0644.</summary>
    private const uint ReadableByAll = 0x1A4;

    private readonly object _gate = new();
    private readonly Stream _stream;
    private readonly string _programName;
    private readonly Func<int> _processId;
    private readonly TimeProvider _timeProvider;
    private bool _disposed;

    /// <param name="stream">The open log file (<see cref="TryOpen"/>); owned and disposed by this target.</param>
    /// <param name="processId">Read per line: the pid changes after <c>-f</c> (R80).</param>
    public LogFileTarget(Stream stream, string programName, Func<int> processId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(programName);
        ArgumentNullException.ThrowIfNull(processId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!stream.CanWrite) throw new ArgumentException("The log stream must be writable.", nameof(stream));
        _stream = stream;
        _programName = programName;
        _processId = processId;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Opens (creating if needed) AUTOSSH_LOGFILE for appending (R84), as the pid file is opened
    /// (<see cref="OwnFile"/>: a symlink, a FIFO or another uid's file is refused; a new file is
    /// 0644 less the umask; docs/security.md, docs/compatibility.md). On failure
    /// <paramref name="error"/> is autossh's fatal <c>&lt;path&gt;: &lt;reason&gt;</c> (R86), which
    /// the caller logs at ERR before exiting 1. A relative path is relative to the current directory (R81).
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
        // bufferSize 0: every Write reaches the file at once (autossh flushes per line).
        var file = new FileStream(handle, FileAccess.Write, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        stream = file;
        error = null;
        return true;
    }

    public void Write(int severity, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] line = Encoding.UTF8.GetBytes(
            FormatLine(_timeProvider.GetLocalNow(), _programName, _processId(), text));
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                if (_stream.CanSeek) _stream.Seek(0, SeekOrigin.End);
                _stream.Write(line);
                _stream.Flush();
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
            _stream.Dispose();
        }
    }

    /// <summary>One log-file line, newline included.</summary>
    internal static string FormatLine(DateTimeOffset localTime, string programName, int pid, string text) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{localTime:yyyy/MM/dd HH:mm:ss} {programName}[{pid}]: {text}\n");
}
