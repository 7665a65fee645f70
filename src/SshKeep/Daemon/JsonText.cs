using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SshKeep.Daemon;

/// <summary>
/// Serialises with a writer of our choosing: indented for files and terminals, compact (one line)
/// for the control protocol. Non-ASCII and characters like ' + &lt; stay readable (the relaxed
/// encoder: this JSON is never embedded in HTML); control characters are always escaped, so a
/// compact document never contains a newline.
/// </summary>
internal static class JsonText
{
    public static readonly JsonWriterOptions CompactWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions IndentedWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
        NewLine = "\n",
    };

    /// <summary>UTF-8 JSON of <paramref name="value"/>; indented documents end with a newline.</summary>
    public static byte[] ToUtf8<T>(T value, JsonTypeInfo<T> typeInfo, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedWriterOptions : CompactWriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        if (indented) buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
