using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SshKeep.Logging;

/// <summary>
/// The daemon's line formats (docs/observability.md); none writes a newline inside an event.
/// <list type="bullet">
/// <item>text: <c>2026-11-22T08:24:10.123Z INFO  db: ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)</c></item>
/// <item>journald: <c>&lt;6&gt;db: ssh exited …</c> (journald reads the priority and stamps the time), written only
/// when a native journal entry (<see cref="DaemonJournalEntry"/>) could not be sent.</item>
/// <item>JSON: <c>{"time":…,"level":"info","tunnel":"db","event":"SshExited","eventId":1102,"message":…,"status":255,…}</c></item>
/// </list>
/// Events of the daemon as a whole have no tunnel: no <c>name: </c> in text, <c>"tunnel":null</c> in JSON.
/// </summary>
internal static class DaemonLogFormatter
{
    /// <summary>Fixed JSON fields; a structured property with one of these names is written with a leading '_'.</summary>
    public static IReadOnlyList<string> JsonFields { get; } = ["time", "level", "tunnel", "event", "eventId", "message", "exception"];

    /// <summary>JSON as one line, readable in a terminal: non-ASCII stays as it is, control characters
    /// (C0, C1, U+2028/2029) are still escaped by the encoder.</summary>
    internal static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Most property names a provider remembers, encoded (the catalogue has far fewer).</summary>
    private const int MaxCachedNames = 256;

    /// <summary>Appends the text (or journald) line; the provider reuses <paramref name="builder"/>.</summary>
    internal static void AppendText(StringBuilder builder, in DaemonLogEntry entry, bool journal)
    {
        if (journal)
        {
            builder.Append('<').Append(SyslogSeverity.FromLogLevel(entry.Level) ?? SyslogSeverity.Debug).Append('>');
        }
        else
        {
            Span<char> time = stackalloc char[32];
            builder.Append(Utc(entry.Time, time)).Append(' ').Append(DaemonLogLevels.TextName(entry.Level)).Append(' ');
        }
        AppendMessage(builder, entry);
    }

    /// <summary>Appends the line's text after the time or priority (<c>db: ssh exited …</c>), also a
    /// journal entry's <c>MESSAGE</c>. An exception adds only its message: JSON carries the whole of it.</summary>
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
            builder.Append(": ");
            OneLine.Append(builder, exception.Message);
        }
    }

    /// <summary>Writes the JSON object; the provider reuses <paramref name="writer"/> and <paramref name="names"/>
    /// (property names converted and encoded once, not per event).</summary>
    internal static void WriteJson(Utf8JsonWriter writer, in DaemonLogEntry entry, Dictionary<string, JsonEncodedText> names)
    {
        writer.WriteStartObject();
        Span<char> time = stackalloc char[32];
        writer.WriteString("time"u8, Utc(entry.Time, time));
        writer.WriteString("level"u8, DaemonLogLevels.JsonName(entry.Level));
        if (entry.Tunnel is { } tunnel) writer.WriteString("tunnel"u8, tunnel);
        else writer.WriteNull("tunnel"u8);
        if (entry.EventId.Name is { } name) writer.WriteString("event"u8, name);
        else writer.WriteNull("event"u8);
        writer.WriteNumber("eventId"u8, entry.EventId.Id);
        writer.WriteString("message"u8, entry.Message);
        var properties = entry.Properties ?? [];
        for (int i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties[i];
            // The generator adds the template as "{OriginalFormat}"; the tunnel is a fixed field.
            if (key == "{OriginalFormat}" || (entry.Tunnel is not null && IsTunnelKey(key))) continue;
            if (!names.TryGetValue(key, out var encoded))
            {
                encoded = JsonEncodedText.Encode(JsonPropertyName(key), JsonOptions.Encoder);
                if (names.Count < MaxCachedNames) names[key] = encoded;
            }
            writer.WritePropertyName(encoded);
            WriteValue(writer, value);
        }
        if (entry.Exception is { } exception) writer.WriteString("exception"u8, exception.ToString());
        writer.WriteEndObject();
    }

    /// <summary>The parameter every per-tunnel <see cref="DaemonLog"/> method gives the tunnel name.</summary>
    internal static bool IsTunnelKey(string key) => string.Equals(key, "tunnel", StringComparison.OrdinalIgnoreCase);

    /// <summary>camelCase of a template name ("Attempt" → "attempt"), '_' first if it would
    /// collide with a fixed field.</summary>
    public static string JsonPropertyName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = key.Length > 0 && char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) + key[1..] : key;
        return JsonFields.Contains(name) ? "_" + name : name;
    }

    private static ReadOnlySpan<char> Utc(DateTimeOffset time, Span<char> buffer)
    {
        time.UtcDateTime.TryFormat(buffer, out int n, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return buffer[..n];
    }

    /// <summary>Numbers stay numbers (a <see cref="DaemonCount"/> too), durations are seconds, enums their
    /// <see cref="KebabName"/> (as in status.json), anything else its invariant string.</summary>
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        var ic = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int or long or uint or short or ushort or byte: writer.WriteNumberValue(Convert.ToInt64(value, ic)); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case DaemonDuration duration: writer.WriteNumberValue(duration.TotalSeconds); break;
            case DaemonCount count: writer.WriteNumberValue(count.Value); break;
            case TimeSpan span: writer.WriteNumberValue(new DaemonDuration(span).TotalSeconds); break;
            case DateTimeOffset dto: writer.WriteStringValue(dto); break;
            case DateTime dt: writer.WriteStringValue(dt); break;
            case Enum e: writer.WriteStringValue(JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString())); break;
            case IFormattable formattable: writer.WriteStringValue(formattable.ToString(null, ic)); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
