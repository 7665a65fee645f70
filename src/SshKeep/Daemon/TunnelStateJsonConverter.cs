using System.Text.Json;
using System.Text.Json.Serialization;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>Writes and reads <see cref="TunnelState"/> as its <see cref="TunnelStateNames"/> name.</summary>
public sealed class TunnelStateJsonConverter : JsonConverter<TunnelState>
{
    public override TunnelState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TunnelStateNames.TryParse(name, out var state)
            ? state.Value
            : throw new JsonException($"\"{name}\" is not a tunnel state");
    }

    public override void Write(Utf8JsonWriter writer, TunnelState value, JsonSerializerOptions options) =>
        writer.WriteStringValue(TunnelStateNames.ToName(value));
}
