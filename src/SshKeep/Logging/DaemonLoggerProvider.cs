using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>
/// The daemon's logs: one line per event on stderr, in the text, journald or JSON format of
/// <see cref="DaemonLogFormatter"/>. When stderr is the journal, each event is instead one native
/// journal entry with the tunnel's name as a field (<see cref="DaemonJournalEntry"/>), and goes to
/// stderr only when the journal socket did not take it: one event is one line in the journal,
/// never two and never none. Thread-safe: the tunnels' loops log concurrently, and each line goes
/// out whole, in one write(2) or one datagram. The buffers are reused under one lock, so an event
/// costs its message string and little else.
/// </summary>
internal sealed class DaemonLoggerProvider : ILoggerProvider
{
    private readonly object _gate = new();
    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly StringBuilder _text = new(256);
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly ArrayBufferWriter<byte> _datagram = new(1024);
    private readonly UnixDatagramSender? _journal;
    private readonly Dictionary<string, JsonEncodedText> _jsonNames = new(StringComparer.Ordinal);
    private Utf8JsonWriter? _jsonWriter;
    private byte[] _bytes = new byte[1024];
    private bool _disposed;

    /// <param name="output">Where lines go (stderr in the daemon; a MemoryStream in tests).</param>
    /// <param name="settings">Format, level, journal.</param>
    /// <param name="ownsOutput">Whether <see cref="Dispose"/> disposes <paramref name="output"/>.</param>
    public DaemonLoggerProvider(Stream output, DaemonLogSettings settings, bool ownsOutput = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(settings);
        _output = output;
        _ownsOutput = ownsOutput;
        Settings = settings;
        if (settings.Journal && settings.JournalSocketPath is { } path) _journal = new UnixDatagramSender(path);
    }

    /// <summary>The daemon's provider: stderr, journald detected from <c>JOURNAL_STREAM</c>.</summary>
    public static DaemonLoggerProvider ForStderr(DaemonLogFormat format, LogLevel minimumLevel, TimeProvider timeProvider, IReadOnlyDictionary<string, string> environment) =>
        new(Console.OpenStandardError(), new DaemonLogSettings
        {
            TimeProvider = timeProvider,
            Format = format,
            MinimumLevel = minimumLevel,
            Journal = DaemonJournalStream.StderrIsJournal(environment),
            JournalSocketPath = UnixDatagramSender.JournalPath,
        }, ownsOutput: true);

    public DaemonLogSettings Settings { get; }

    public ILogger CreateLogger(string categoryName) => new DaemonLogger(this);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _jsonWriter?.Dispose();
            _journal?.Dispose();
            if (_ownsOutput) _output.Dispose();
        }
    }

    internal bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= Settings.MinimumLevel;

    internal DateTimeOffset Now() => Settings.TimeProvider.GetUtcNow();

    internal void Write(in DaemonLogEntry entry)
    {
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                if (Settings.Format == DaemonLogFormat.Json)
                {
                    FormatJson(entry);
                    if (_journal is null || !Send(entry, _json.WrittenSpan)) WriteJsonLine();
                }
                else if (_journal is null || !Send(entry, _bytes.AsSpan(0, FormatText(entry, withPrefix: false))))
                {
                    WriteTextLine(entry);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
            {
                // stderr is gone (closed pipe, journald restarted): losing a line must not
                // take a tunnel down, and there is nowhere left to report it.
            }
        }
    }

    /// <summary>One datagram to the journal; false when the socket did not take it (missing,
    /// nobody listening, queue full), and the line must go to stderr (docs/observability.md "What
    /// journald gets"). An entry too large for one datagram (EMSGSIZE) is not passed in a memfd, as
    /// systemd's own client does: the daemon's entries are a line and at most a cut stack trace,
    /// far below the datagram limit, so that path would never run; if it did, the line goes to stderr.</summary>
    private bool Send(in DaemonLogEntry entry, ReadOnlySpan<byte> message)
    {
        _datagram.ResetWrittenCount();
        DaemonJournalEntry.Append(_datagram, entry, message);
        return _journal!.TrySend(_datagram.WrittenSpan, out _);
    }

    private void WriteTextLine(in DaemonLogEntry entry)
    {
        int length = FormatText(entry, withPrefix: true);
        _bytes[length++] = (byte)'\n';
        _output.Write(_bytes, 0, length);
        _output.Flush();
    }

    /// <summary>The text line (with the time or the journal's priority, or, for a journal entry's
    /// MESSAGE, neither) in <see cref="_bytes"/>, as UTF-8 without the newline; returns its length.
    /// One byte is left free after it for the newline.</summary>
    private int FormatText(in DaemonLogEntry entry, bool withPrefix)
    {
        _text.Clear();
        if (withPrefix) DaemonLogFormatter.AppendText(_text, entry, Settings.Journal);
        else DaemonLogFormatter.AppendMessage(_text, entry);
        int max = Encoding.UTF8.GetMaxByteCount(_text.Length) + 1;
        if (_bytes.Length < max) _bytes = new byte[Math.Max(max, _bytes.Length * 2)];
        int length = 0;
        foreach (ReadOnlyMemory<char> chunk in _text.GetChunks())
        {
            length += _encoder.GetBytes(chunk.Span, _bytes.AsSpan(length), flush: false);
        }
        length += _encoder.GetBytes([], _bytes.AsSpan(length), flush: true);
        return length;
    }

    private void FormatJson(in DaemonLogEntry entry)
    {
        _json.ResetWrittenCount();
        if (_jsonWriter is null) _jsonWriter = new Utf8JsonWriter(_json, DaemonLogFormatter.JsonOptions);
        else _jsonWriter.Reset(_json);
        DaemonLogFormatter.WriteJson(_jsonWriter, entry, _jsonNames);
        _jsonWriter.Flush();
    }

    private void WriteJsonLine()
    {
        _json.Write("\n"u8);
        _output.Write(_json.WrittenSpan);
        _output.Flush();
    }
}
