using SshKeep.Config;

namespace SshKeep.Health;

/// <summary>One end-to-end probe of one forward.</summary>
/// <param name="Forward">The forward probed.</param>
/// <param name="Ok">The probe passed.</param>
/// <param name="Duration">From start to verdict.</param>
/// <param name="Failure">Why it failed, one line ("no answer within 3s", "open failed: connect refused"); null when Ok.</param>
internal sealed record ProbeResult(ForwardSpec Forward, bool Ok, TimeSpan Duration, string? Failure);
