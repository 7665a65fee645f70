using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>status.json and the control socket's lines (docs/daemon.md "status.json"): null fields are written
/// (a request's missing tunnel excepted), so every key is always there for jq.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCaseEnumJsonConverter<Supervision.TunnelState>), typeof(KebabCaseEnumJsonConverter<Config.ForwardKind>),
        typeof(KebabCaseEnumJsonConverter<ControlCommand>), typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext
{
    /// <summary>With a final newline. The relaxed encoder keeps non-ASCII and ' + &lt; readable (this JSON is never
    /// embedded in HTML); control characters are always escaped, so a compact document is one line.</summary>
    public static byte[] ToUtf8<T>(T value, JsonTypeInfo<T> typeInfo, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer,
                   new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = indented, NewLine = "\n" }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
