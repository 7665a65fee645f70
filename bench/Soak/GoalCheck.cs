namespace SshKeep.Bench.Soak;

/// <summary>One row of the report's goal table.</summary>
internal sealed record GoalCheck(string Goal, string Measured, bool Met);
