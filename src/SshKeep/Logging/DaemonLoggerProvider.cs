namespace SshKeep.Logging;

/// <summary>docs/observability.md, "The daemon's log". Thread-safe: one write a line; buffers reused under one lock.</summary>
internal sealed class DaemonLoggerProvider : ILoggerProvider
{
    private readonly object _gate = new();
    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly StringBuilder _text = new(256);
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly ArrayBufferWriter<byte> _datagram = new(1024);
    private readonly UnixDatagramSender? _journal;
    private readonly Dictionary<string, JsonEncodedText> _jsonNames = new(StringComparer.Ordinal);
    private readonly Utf8JsonWriter _jsonWriter;
    private bool _disposed;

    public DaemonLoggerProvider(Stream output, DaemonLogSettings settings, bool ownsOutput = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(settings);
        _output = output;
        _ownsOutput = ownsOutput;
        Settings = settings;
        _jsonWriter = new Utf8JsonWriter(_line, DaemonLogFormatter.JsonOptions);
        if (settings.Journal && settings.JournalSocketPath is { } path) _journal = new UnixDatagramSender(path);
    }

    public static DaemonLoggerProvider ForStderr(DaemonLogFormat format, LogLevel minimumLevel, TimeProvider timeProvider,
        IReadOnlyDictionary<string, string> environment, string? stderrLink) =>
        new(Console.OpenStandardError(), new DaemonLogSettings
        {
            TimeProvider = timeProvider,
            Format = format,
            MinimumLevel = minimumLevel,
            Journal = IsJournalStream(environment.GetValueOrDefault("JOURNAL_STREAM"), stderrLink),
            JournalSocketPath = UnixDatagramSender.JournalPath,
        }, ownsOutput: true);

    public DaemonLogSettings Settings { get; }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _jsonWriter.Dispose();
            _journal?.Dispose();
            if (_ownsOutput) _output.Dispose();
        }
    }

    internal bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= Settings.MinimumLevel;

    internal void Write(in DaemonLogEntry entry)
    {
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                // A journal entry's MESSAGE is the line without the time or priority.
                if (_journal is not null && Send(entry, Format(entry, withPrefix: false))) return;
                Format(entry, withPrefix: true);
                _line.Write("\n"u8);
                _output.Write(_line.WrittenSpan);
                _output.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
            {
                // stderr is gone (closed pipe, journald restarted): a lost line must not take a tunnel down.
            }
        }
    }

    /// <summary>False when the socket did not take it (no memfd: docs/observability.md "What journald gets").</summary>
    private bool Send(in DaemonLogEntry entry, ReadOnlySpan<byte> message)
    {
        _datagram.ResetWrittenCount();
        DaemonJournalEntry.Append(_datagram, entry, message);
        return _journal!.TrySend(_datagram.WrittenSpan, out _);
    }

    private ReadOnlySpan<byte> Format(in DaemonLogEntry entry, bool withPrefix)
    {
        _line.ResetWrittenCount();
        if (Settings.Format == DaemonLogFormat.Json)
        {
            _jsonWriter.Reset(_line);
            DaemonLogFormatter.WriteJson(_jsonWriter, entry, _jsonNames);
            _jsonWriter.Flush();
            return _line.WrittenSpan;
        }
        _text.Clear();
        if (withPrefix) DaemonLogFormatter.AppendText(_text, entry, Settings.Journal);
        else DaemonLogFormatter.AppendMessage(_text, entry);
        foreach (ReadOnlyMemory<char> chunk in _text.GetChunks())
        {
            _line.Advance(_encoder.GetBytes(chunk.Span, _line.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length)), flush: false));
        }
        _line.Advance(_encoder.GetBytes([], _line.GetSpan(8), flush: true));
        return _line.WrittenSpan;
    }

    /// <summary>docs/observability.md, "The daemon's log": only the inode is compared (socket inodes are unique).</summary>
    internal static bool IsJournalStream(string? journalStream, string? stderrLink)
    {
        const string prefix = "socket:[";
        return journalStream?.Split(':') is [var device, var inodeText] &&
               Number(device, out _) && Number(inodeText, out ulong inode) &&
               (stderrLink is null ||
                (stderrLink.StartsWith(prefix, StringComparison.Ordinal) && stderrLink.EndsWith(']') &&
                 Number(stderrLink[prefix.Length..^1], out ulong stderrInode) && stderrInode == inode));

        static bool Number(string text, out ulong value) =>
            ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The tunnel comes from the event's state, not from scopes: it cannot be lost across an await.</summary>
    private sealed class Logger(DaemonLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!provider.IsEnabled(logLevel)) return;
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var tunnel = properties?.FirstOrDefault(p => p.Value is string && DaemonLogFormatter.IsTunnelKey(p.Key)).Value as string;
            provider.Write(new DaemonLogEntry(provider.Settings.TimeProvider.GetUtcNow(), logLevel, eventId, tunnel,
                formatter(state, exception), properties, exception));
        }
    }
}
