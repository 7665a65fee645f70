using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>Source-generated JSON for <c>status --json</c>, with the conventions of status.json
/// (<see cref="DaemonJsonContext"/>): camelCase, dashed states, ISO-8601 UTC, nulls written.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCaseEnumJsonConverter<Supervision.TunnelState>), typeof(KebabCaseEnumJsonConverter<Config.ForwardKind>),
        typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class StatusReportJsonContext : JsonSerializerContext;
