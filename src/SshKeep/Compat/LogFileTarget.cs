using System.Globalization;
using System.Text;

namespace SshKeep.Compat;

/// <summary>
/// The AUTOSSH_LOGFILE destination (spec R84): each message is one line
/// <c>YYYY/MM/DD HH:MM:SS progname[pid]: text\n</c> in local time, written and flushed at once
/// (autossh's doerrlog() calls fflush per line). Example from the Debian binary:
/// <c>2026/11/22 09:13:47 autossh[13124]: starting ssh (count 1 of 1)</c>.
/// </summary>
/// <remarks>
/// The text is written as it is, so a message containing a newline spans several lines, as in
/// autossh ("not what I sent" carries the test line's <c>\r\n</c>). When the stream is seekable,
/// every line is written at the current end of the file: that is what autossh's
/// <c>fopen(path, "a")</c> (O_APPEND) gives when another process appends to the same file or
/// logrotate truncates it. Write errors are ignored, as autossh ignores fprintf's result.
/// </remarks>
internal sealed class LogFileTarget : IAutosshLogTarget
{
    private readonly object _gate = new();
    private readonly Stream _stream;
    private readonly string _programName;
    private readonly Func<int> _processId;
    private readonly TimeProvider _timeProvider;
    private bool _disposed;

    /// <param name="stream">The open log file (see <see cref="AutosshLogFile.TryOpen"/>); owned
    /// and disposed by this target.</param>
    /// <param name="programName">autossh's progname (R70).</param>
    /// <param name="processId">Read per line: the pid changes after <c>-f</c> (R80).</param>
    /// <param name="timeProvider">Clock for the timestamp, read in its local time zone.</param>
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
            catch (IOException)
            {
                // Disk full, file system gone…: autossh ignores fprintf/fflush failures.
            }
            catch (ObjectDisposedException)
            {
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
