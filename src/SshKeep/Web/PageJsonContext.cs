using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Web;

/// <summary>With status.json's conventions (<see cref="DaemonJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCaseEnumJsonConverter<Supervision.TunnelState>), typeof(KebabCaseEnumJsonConverter<Config.ForwardKind>),
        typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(PageState))]
[JsonSerializable(typeof(PageControlAnswer))]
internal sealed partial class PageJsonContext : JsonSerializerContext;
