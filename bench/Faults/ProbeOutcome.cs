namespace SshKeep.Bench.Faults;

/// <summary>One probe through the tunnel: whether the token came back, and when the probe ended.</summary>
internal readonly record struct ProbeOutcome(bool Ok, long FinishedAt);
