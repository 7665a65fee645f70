using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SshKeep.Logging;

/// <summary>
/// The journal entry for one daemon event, in journald's native protocol (docs/observability.md "What
/// journald gets" lists the fields): one datagram of fields, <c>NAME=value\n</c>, or for a value with a
/// newline the binary form <c>NAME\n</c>, its UTF-8 length as a 64-bit little-endian integer, the bytes, <c>\n</c>.
/// </summary>
internal static class DaemonJournalEntry
{
    /// <summary>A stack trace longer than this is cut, with a note, so that an entry stays far below
    /// the size of one datagram (an entry that still does not fit goes to stderr).</summary>
    public const int MaxExceptionLength = 16 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Appends the entry's fields; <paramref name="utf8Message"/> is its <c>MESSAGE</c>.</summary>
    internal static void Append(IBufferWriter<byte> output, in DaemonLogEntry entry, ReadOnlySpan<byte> utf8Message)
    {
        AppendField(output, "MESSAGE", utf8Message);
        Span<char> number = stackalloc char[16];
        int priority = SyslogSeverity.FromLogLevel(entry.Level) ?? SyslogSeverity.Debug;
        priority.TryFormat(number, out int n, provider: CultureInfo.InvariantCulture);
        AppendField(output, "PRIORITY", number[..n]);
        AppendField(output, "SYSLOG_IDENTIFIER", "sshkeep");
        if (entry.Tunnel is { } tunnel) AppendField(output, "SSHKEEP_TUNNEL", tunnel);
        if (entry.EventId.Name is { } name) AppendField(output, "SSHKEEP_EVENT", name);
        if (entry.EventId.Id != 0)
        {
            entry.EventId.Id.TryFormat(number, out n, provider: CultureInfo.InvariantCulture);
            AppendField(output, "SSHKEEP_EVENT_ID", number[..n]);
        }
        if (entry.Exception is { } exception) AppendField(output, "SSHKEEP_EXCEPTION", Cut(exception.ToString()));
    }

    /// <summary>The datagram for <paramref name="entry"/>.</summary>
    public static byte[] Encode(in DaemonLogEntry entry, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        Append(buffer, entry, Utf8.GetBytes(message));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><paramref name="text"/>, or its first <see cref="MaxExceptionLength"/> characters and a note.</summary>
    public static string Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxExceptionLength) return text;
        int keep = MaxExceptionLength;
        // Never split a surrogate pair: half of one would be encoded as U+FFFD.
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, keep)}\n… (cut: {text.Length - keep} more characters)");
    }

    /// <summary>A name journald accepts from a client: 1–64 of A–Z, 0–9 and '_', not starting with a
    /// digit, nor with '_' (fields journald vouches for itself, like <c>_PID</c>, are dropped from clients).</summary>
    public static bool IsValidFieldName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 64 || name[0] == '_' || char.IsAsciiDigit(name[0])) return false;
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_') return false;
        }
        return true;
    }

    /// <summary>Appends one field in the simple or the binary form.</summary>
    /// <exception cref="ArgumentException">The name is not one journald accepts (a bug, not input).</exception>
    public static void AppendField(IBufferWriter<byte> output, string name, ReadOnlySpan<char> value)
    {
        int length = Utf8.GetByteCount(value);
        AppendName(output, name, value.Contains('\n'), length);
        Span<byte> bytes = output.GetSpan(length + 1);
        bytes[Utf8.GetBytes(value, bytes)] = (byte)'\n';
        output.Advance(length + 1);
    }

    /// <summary>Appends one field whose value is already UTF-8.</summary>
    public static void AppendField(IBufferWriter<byte> output, string name, ReadOnlySpan<byte> utf8Value)
    {
        AppendName(output, name, utf8Value.Contains((byte)'\n'), utf8Value.Length);
        Span<byte> bytes = output.GetSpan(utf8Value.Length + 1);
        utf8Value.CopyTo(bytes);
        bytes[utf8Value.Length] = (byte)'\n';
        output.Advance(utf8Value.Length + 1);
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
