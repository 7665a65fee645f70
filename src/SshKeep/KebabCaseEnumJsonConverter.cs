namespace SshKeep;

/// <summary>An enum as its <see cref="KebabName"/> in JSON, read back exactly: another case or a
/// number is an error that names the value ("\"Up\" is not a tunnel state"), because status.json is
/// read by the CLI and a wrong spelling must not pass for a state. (System.Text.Json's own string
/// enum converter reads names case-insensitively.) Generic, so the source-generated contexts stay
/// Native-AOT clean.</summary>
internal sealed class KebabCaseEnumJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly string What = JsonNamingPolicy.KebabCaseLower.ConvertName(typeof(TEnum).Name).Replace('-', ' ');

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"a {What} must be a string");
        var text = reader.GetString();
        return KebabName.TryParse<TEnum>(text, out var value) ? value : throw new JsonException($"\"{text}\" is not a {What}");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(KebabName.Of(value));
}
