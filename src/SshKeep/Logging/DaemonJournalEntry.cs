using System.Buffers;
using System.Globalization;

namespace SshKeep.Logging;

/// <summary>
/// The journal entry for one daemon event, sent over journald's native protocol
/// (<see cref="JournalNativeEncoding"/>; docs/observability.md "What journald gets"):
/// <list type="bullet">
/// <item><c>MESSAGE</c>: the line the format writes (text: <c>db: ssh exited …</c>, escaped
/// as on stderr, without the <c>&lt;N&gt;</c> prefix; JSON: the JSON object);</item>
/// <item><c>PRIORITY</c>: the syslog severity, as the <c>&lt;N&gt;</c> prefix said it;</item>
/// <item><c>SYSLOG_IDENTIFIER=sshkeep</c>;</item>
/// <item><c>SSHKEEP_TUNNEL</c>: the tunnel's name, for every event that concerns one;</item>
/// <item><c>SSHKEEP_EVENT</c> and <c>SSHKEEP_EVENT_ID</c>: the <see cref="DaemonLog"/>
/// method's name and its fixed id, as JSON's <c>event</c> and <c>eventId</c>;</item>
/// <item><c>SSHKEEP_EXCEPTION</c>: the whole exception with its stack trace (several lines, so
/// in the binary form), cut at <see cref="MaxExceptionLength"/> characters.</item>
/// </list>
/// </summary>
internal static class DaemonJournalEntry
{
    public const string MessageField = "MESSAGE";
    public const string PriorityField = "PRIORITY";
    public const string IdentifierField = "SYSLOG_IDENTIFIER";
    public const string TunnelField = "SSHKEEP_TUNNEL";
    public const string EventField = "SSHKEEP_EVENT";
    public const string EventIdField = "SSHKEEP_EVENT_ID";
    public const string ExceptionField = "SSHKEEP_EXCEPTION";

    /// <summary>The identifier journalctl shows before the message (and <c>-t</c> selects).</summary>
    public const string Identifier = "sshkeep";

    /// <summary>A stack trace longer than this is cut, with a note, so that an entry stays far
    /// below the size of one datagram (an entry that still does not fit goes to stderr).</summary>
    public const int MaxExceptionLength = 16 * 1024;

    /// <summary>Appends the entry's fields; <paramref name="utf8Message"/> is its <c>MESSAGE</c>.</summary>
    internal static void Append(IBufferWriter<byte> output, in DaemonLogEntry entry, ReadOnlySpan<byte> utf8Message)
    {
        JournalNativeEncoding.AppendField(output, MessageField, utf8Message);
        Span<char> number = stackalloc char[16];
        int priority = SyslogSeverity.FromLogLevel(entry.Level) ?? SyslogSeverity.Debug;
        priority.TryFormat(number, out int n, provider: CultureInfo.InvariantCulture);
        JournalNativeEncoding.AppendField(output, PriorityField, number[..n]);
        JournalNativeEncoding.AppendField(output, IdentifierField, Identifier);
        if (entry.Tunnel is { } tunnel) JournalNativeEncoding.AppendField(output, TunnelField, tunnel);
        if (entry.EventId.Name is { } name) JournalNativeEncoding.AppendField(output, EventField, name);
        if (entry.EventId.Id != 0)
        {
            entry.EventId.Id.TryFormat(number, out n, provider: CultureInfo.InvariantCulture);
            JournalNativeEncoding.AppendField(output, EventIdField, number[..n]);
        }
        if (entry.Exception is { } exception) JournalNativeEncoding.AppendField(output, ExceptionField, Cut(exception.ToString()));
    }

    /// <summary>The datagram for <paramref name="entry"/>.</summary>
    public static byte[] Encode(in DaemonLogEntry entry, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        Append(buffer, entry, System.Text.Encoding.UTF8.GetBytes(message));
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
}
