using System.Text.Json.Serialization;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>Source-generated JSON (no reflection, so the binary can be trimmed) for status.json and
/// the control socket's answers, in the format of docs/daemon.md "status.json": null fields are
/// written, so every key is always there for jq; readers skip fields they do not know.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCaseEnumJsonConverter<Supervision.TunnelState>), typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(ControlResponse))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
