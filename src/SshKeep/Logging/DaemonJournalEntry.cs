namespace SshKeep.Logging;

/// <summary>One daemon event in journald's native protocol (docs/observability.md "What journald gets").</summary>
internal static class DaemonJournalEntry
{
    /// <summary>Keeps an entry far below one datagram (one that still does not fit goes to stderr).</summary>
    public const int MaxExceptionLength = 16 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly SearchValues<char> FieldNameCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    internal static void Append(IBufferWriter<byte> output, in DaemonLogEntry entry, ReadOnlySpan<byte> utf8Message)
    {
        AppendField(output, "MESSAGE", utf8Message);
        int priority = SyslogSeverity.FromLogLevel(entry.Level) ?? SyslogSeverity.Debug;
        AppendField(output, "PRIORITY", priority.ToString(CultureInfo.InvariantCulture));
        AppendField(output, "SYSLOG_IDENTIFIER", "sshkeep");
        if (entry.Tunnel is { } tunnel) AppendField(output, "SSHKEEP_TUNNEL", tunnel);
        if (entry.EventId.Name is { } name) AppendField(output, "SSHKEEP_EVENT", name);
        if (entry.EventId.Id != 0) AppendField(output, "SSHKEEP_EVENT_ID", entry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        if (entry.Exception is { } exception) AppendField(output, "SSHKEEP_EXCEPTION", Cut(exception.ToString()));
    }

    public static string Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxExceptionLength) return text;
        int keep = MaxExceptionLength;
        // Never split a surrogate pair: half of one would be encoded as U+FFFD.
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, keep)}\n… (cut: {text.Length - keep} more characters)");
    }

    /// <summary>journald drops a client's '_' fields (<c>_PID</c> is its own).</summary>
    public static bool IsValidFieldName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 and <= 64 && name[0] != '_' && !char.IsAsciiDigit(name[0]) &&
               !name.AsSpan().ContainsAnyExcept(FieldNameCharacters);
    }

    public static void AppendField(IBufferWriter<byte> output, string name, ReadOnlySpan<char> value)
    {
        int length = Utf8.GetByteCount(value);
        AppendName(output, name, value.Contains('\n'), length);
        output.Advance(Utf8.GetBytes(value, output.GetSpan(length)));
        output.Write("\n"u8);
    }

    public static void AppendField(IBufferWriter<byte> output, string name, ReadOnlySpan<byte> utf8Value)
    {
        AppendName(output, name, utf8Value.Contains((byte)'\n'), utf8Value.Length);
        output.Write(utf8Value);
        output.Write("\n"u8);
    }

    /// <summary><c>NAME=</c>, or <c>NAME\n</c> and the length for the binary form.</summary>
    private static void AppendName(IBufferWriter<byte> output, string name, bool binary, int length)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!IsValidFieldName(name)) throw new ArgumentException($"'{name}' is not a journal field name (A-Z, 0-9, '_'; not first '_' or a digit)", nameof(name));
        Span<byte> bytes = output.GetSpan(name.Length + 1 + sizeof(ulong));
        for (int i = 0; i < name.Length; i++) bytes[i] = (byte)name[i];
        bytes[name.Length] = binary ? (byte)'\n' : (byte)'=';
        if (binary) BinaryPrimitives.WriteUInt64LittleEndian(bytes[(name.Length + 1)..], (ulong)length);
        output.Advance(name.Length + 1 + (binary ? sizeof(ulong) : 0));
    }
}
