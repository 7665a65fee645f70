namespace SshKeep;

/// <summary>The one spelling users see of every enum value (<c>waiting-for-remote-port</c>); no hand-written map, so a
/// new value has its name the moment it exists.</summary>
internal static class KebabName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var index = Array.FindIndex(values, v => string.Equals(Of(v), name, StringComparison.Ordinal));
        value = index < 0 ? default : values[index];
        return index >= 0;
    }
}
