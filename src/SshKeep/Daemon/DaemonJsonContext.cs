using System.Text.Json.Serialization;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>
/// Source-generated JSON for status.json and the control socket's answers (no reflection, so the
/// binary can be trimmed). Field names are camelCase (<c>upSince</c>, <c>lastError</c>), states are
/// their dashed names (<see cref="KebabCaseEnumJsonConverter{TEnum}"/>), instants ISO-8601 UTC
/// (<see cref="UtcTimestampJsonConverter"/>), and null fields are written, so every key is always
/// there for jq. Readers skip fields they do not know (a newer daemon may add some).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCaseEnumJsonConverter<Supervision.TunnelState>), typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(ControlResponse))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
