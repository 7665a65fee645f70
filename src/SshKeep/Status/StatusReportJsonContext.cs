using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>The conventions of status.json (<see cref="DaemonJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCaseEnumJsonConverter<Supervision.TunnelState>), typeof(KebabCaseEnumJsonConverter<Config.ForwardKind>),
        typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class StatusReportJsonContext : JsonSerializerContext;
