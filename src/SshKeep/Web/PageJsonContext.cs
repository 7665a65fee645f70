using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Web;

/// <summary>Source-generated JSON for the web page, with status.json's conventions: camelCase,
/// dashed states, ISO-8601 UTC, nulls written.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCaseEnumJsonConverter<Supervision.TunnelState>), typeof(KebabCaseEnumJsonConverter<Config.ForwardKind>),
        typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(PageState))]
[JsonSerializable(typeof(PageControlAnswer))]
internal sealed partial class PageJsonContext : JsonSerializerContext;
