using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>
/// The daemon's three line formats. None of them ever writes a newline inside
/// an event, so one event is one line.
/// <list type="bullet">
/// <item>text: <c>2026-11-22T08:24:10.123Z INFO  db: ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)</c></item>
/// <item>journald: <c>&lt;6&gt;db: ssh exited …</c>: journald reads the syslog priority from the
/// prefix and stamps the time itself. The daemon sends its events to the journal as native
/// entries (<see cref="DaemonJournalEntry"/>) and writes this form only when that fails.</item>
/// <item>JSON: <c>{"time":…,"level":"info","tunnel":"db","event":"SshExited","eventId":1102,"message":…,"status":255,…}</c></item>
/// </list>
/// Events of the daemon as a whole have no tunnel: the text formats leave out the <c>name: </c>
/// part and JSON writes <c>"tunnel":null</c>.
/// </summary>
internal static class DaemonLogFormatter
{
    /// <summary>The parameter name every per-tunnel <see cref="DaemonLog"/> method gives the tunnel name.</summary>
    public const string TunnelProperty = "tunnel";

    /// <summary>The message template the logging generator adds to every state; never written as a property.</summary>
    public const string OriginalFormatProperty = "{OriginalFormat}";

    /// <summary>Fixed JSON fields; a structured property with one of these names is written with a leading '_'.</summary>
    public static IReadOnlyList<string> JsonFields { get; } = ["time", "level", "tunnel", "event", "eventId", "message", "exception"];

    /// <summary>JSON as one line, readable in a terminal: non-ASCII stays as it is, but control
    /// characters (C0, C1, U+2028/2029) are still escaped by the encoder.</summary>
    internal static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>The text or journald line for <paramref name="entry"/>, without the newline.</summary>
    public static string FormatText(in DaemonLogEntry entry, bool journal)
    {
        var builder = new StringBuilder(128);
        AppendText(builder, entry, journal);
        return builder.ToString();
    }

    /// <summary>The JSON line for <paramref name="entry"/>, without the newline.</summary>
    public static string FormatJson(in DaemonLogEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions)) WriteJson(writer, entry);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Appends the text (or journald) line; the provider reuses <paramref name="builder"/>.</summary>
    internal static void AppendText(StringBuilder builder, in DaemonLogEntry entry, bool journal)
    {
        if (journal)
        {
            // <syslog.h> priorities: journald maps them to PRIORITY= (journalctl -p filters on it).
            builder.Append('<').Append(SyslogSeverity.FromLogLevel(entry.Level) ?? SyslogSeverity.Debug).Append('>');
        }
        else
        {
            Span<char> time = stackalloc char[32];
            entry.Time.UtcDateTime.TryFormat(time, out int n, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            builder.Append(time[..n]).Append(' ').Append(DaemonLogLevels.TextName(entry.Level)).Append(' ');
        }
        AppendMessage(builder, entry);
    }

    /// <summary>Appends the line's text after the time or priority: <c>db: ssh exited …</c>. It is
    /// also the journal entry's <c>MESSAGE</c> (<see cref="DaemonJournalEntry"/>).</summary>
    internal static void AppendMessage(StringBuilder builder, in DaemonLogEntry entry)
    {
        if (entry.Tunnel is { } tunnel)
        {
            OneLine.Append(builder, tunnel);
            builder.Append(": ");
        }
        OneLine.Append(builder, entry.Message);
        if (entry.Exception is { } exception)
        {
            // The text line stays one line: the message only; JSON carries the whole exception.
            builder.Append(": ");
            OneLine.Append(builder, exception.Message);
        }
    }

    private static readonly JsonEncodedText TimeField = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText LevelField = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText TunnelField = JsonEncodedText.Encode("tunnel");
    private static readonly JsonEncodedText EventField = JsonEncodedText.Encode("event");
    private static readonly JsonEncodedText EventIdField = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText MessageField = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText ExceptionField = JsonEncodedText.Encode("exception");

    /// <summary>Most property names a provider remembers, encoded (the catalogue has far fewer).</summary>
    internal const int MaxCachedNames = 256;

    /// <summary>Writes the JSON object; the provider reuses <paramref name="writer"/> and passes
    /// <paramref name="names"/> so property names are converted and encoded once, not per event.</summary>
    internal static void WriteJson(Utf8JsonWriter writer, in DaemonLogEntry entry, Dictionary<string, JsonEncodedText>? names = null)
    {
        writer.WriteStartObject();
        Span<char> time = stackalloc char[32];
        entry.Time.UtcDateTime.TryFormat(time, out int n, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(TimeField, time[..n]);
        writer.WriteString(LevelField, DaemonLogLevels.JsonName(entry.Level));
        if (entry.Tunnel is { } tunnel) writer.WriteString(TunnelField, tunnel);
        else writer.WriteNull(TunnelField);
        if (entry.EventId.Name is { } name) writer.WriteString(EventField, name);
        else writer.WriteNull(EventField);
        writer.WriteNumber(EventIdField, entry.EventId.Id);
        writer.WriteString(MessageField, entry.Message);
        if (entry.Properties is { } properties)
        {
            for (int i = 0; i < properties.Count; i++)
            {
                var (key, value) = properties[i];
                if (key == OriginalFormatProperty || (entry.Tunnel is not null && IsTunnelKey(key))) continue;
                if (names is null)
                {
                    writer.WritePropertyName(JsonPropertyName(key));
                }
                else
                {
                    if (!names.TryGetValue(key, out var encoded))
                    {
                        encoded = JsonEncodedText.Encode(JsonPropertyName(key), JsonOptions.Encoder);
                        if (names.Count < MaxCachedNames) names[key] = encoded;
                    }
                    writer.WritePropertyName(encoded);
                }
                WriteValue(writer, value);
            }
        }
        if (entry.Exception is { } exception) writer.WriteString(ExceptionField, exception.ToString());
        writer.WriteEndObject();
    }

    internal static bool IsTunnelKey(string key) => string.Equals(key, TunnelProperty, StringComparison.OrdinalIgnoreCase);

    /// <summary>camelCase of a template name ("Attempt" → "attempt"), '_' first if it would
    /// collide with a fixed field.</summary>
    public static string JsonPropertyName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = key.Length > 0 && char.IsUpper(key[0])
            ? string.Create(key.Length, key, static (span, k) =>
            {
                k.AsSpan().CopyTo(span);
                span[0] = char.ToLowerInvariant(k[0]);
            })
            : key;
        return JsonFields.Contains(name) ? "_" + name : name;
    }

    /// <summary>Numbers stay numbers (a <see cref="DaemonCount"/> too), durations are seconds, enums their kebab-case name (as in
    /// status.json: "waiting-for-remote-port"), anything else its invariant string.</summary>
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case uint ui: writer.WriteNumberValue(ui); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case short sh: writer.WriteNumberValue(sh); break;
            case ushort us: writer.WriteNumberValue(us); break;
            case byte by: writer.WriteNumberValue(by); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case DaemonDuration duration: writer.WriteNumberValue(duration.TotalSeconds); break;
            case DaemonCount count: writer.WriteNumberValue(count.Value); break;
            case TimeSpan span: writer.WriteNumberValue(new DaemonDuration(span).TotalSeconds); break;
            case DateTimeOffset dto: writer.WriteStringValue(dto); break;
            case DateTime dt: writer.WriteStringValue(dt); break;
            case Enum e: writer.WriteStringValue(KebabCase(e.ToString())); break;
            case IFormattable formattable: writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }

    /// <summary>"WaitingForRemotePort" → "waiting-for-remote-port".</summary>
    public static string KebabCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '-' && name[i - 1] != ',' && name[i - 1] != ' ') builder.Append('-');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
