using System.Text.Json;
using System.Text.Json.Serialization;

namespace SshKeep;

/// <summary>System.Text.Json's string enum conversion with the kebab-case policy
/// (<see cref="KebabName"/>): the generic converter, so the source-generated contexts stay
/// Native-AOT clean; numbers are not accepted for a name.</summary>
internal sealed class KebabCaseEnumJsonConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
