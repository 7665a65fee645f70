namespace SshKeep;

/// <summary>Read back exactly, unlike System.Text.Json's own converter: a wrong spelling in status.json must not
/// pass for a state. Generic, so the source-generated contexts stay Native-AOT clean.</summary>
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
