using System.Text.Encodings.Web;

namespace SshKeep.Logging;

/// <summary>The daemon's line formats, text, journald and JSON (docs/observability.md); none writes a newline inside an event.</summary>
internal static class DaemonLogFormatter
{
    /// <summary>Fixed JSON fields; a structured property with one of these names is written with a leading '_'.</summary>
    public static IReadOnlyList<string> JsonFields { get; } = ["time", "level", "tunnel", "event", "eventId", "message", "exception"];

    /// <summary>Non-ASCII stays readable; control characters are still escaped.</summary>
    internal static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Most property names a provider remembers, encoded (the catalogue has far fewer).</summary>
    private const int MaxCachedNames = 256;

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

    /// <summary>After the time or priority, also a journal MESSAGE; an exception only by its message.</summary>
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

    internal static void WriteJson(Utf8JsonWriter writer, in DaemonLogEntry entry, Dictionary<string, JsonEncodedText> names)
    {
        writer.WriteStartObject();
        Span<char> time = stackalloc char[32];
        writer.WriteString("time"u8, Utc(entry.Time, time));
        writer.WriteString("level"u8, DaemonLogLevels.JsonName(entry.Level));
        writer.WriteString("tunnel"u8, entry.Tunnel);
        writer.WriteString("event"u8, entry.EventId.Name);
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

    internal static bool IsTunnelKey(string key) => string.Equals(key, "tunnel", StringComparison.OrdinalIgnoreCase);

    /// <summary>camelCase, '_' first where it would collide with a fixed field.</summary>
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
