using SshKeep.Config;

namespace SshKeep.Health;

/// <param name="Failure">Why it failed, one line ("no answer within 3s"); null when Ok.</param>
internal sealed record ProbeResult(ForwardSpec Forward, bool Ok, TimeSpan Duration, string? Failure);
