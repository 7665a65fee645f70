namespace SshKeep.Bench.Soak;

/// <summary>One round of the plan: one or two faults applied at once, the layout after them, and the pause after the round's check.</summary>
internal sealed record PlannedRound(IReadOnlyList<PlannedFault> Faults, TunnelLayout LayoutAfter, TimeSpan GapAfter);
