namespace SshKeep;

/// <summary>
/// The one spelling users see of every enum value: <c>WaitingForRemotePort</c> → <c>waiting-for-remote-port</c>,
/// by the JSON library's kebab-case policy, as <see cref="KebabCaseEnumJsonConverter{TEnum}"/> writes it. No
/// hand-written map, so a new value has its name the moment it exists.
/// </summary>
internal static class KebabName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The value spelled <paramref name="name"/> exactly (no other case, no number).</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
