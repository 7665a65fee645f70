namespace SshKeep.Supervision;

/// <summary>What <see cref="StderrLogLimiter"/> says about one line of ssh's stderr.</summary>
/// <param name="Log">Log this line.</param>
/// <param name="Dropped">Lines not logged that are to be reported now (before this line), 0 for none.</param>
/// <param name="Over">The time those lines came in: from the first of them to now.</param>
internal readonly record struct StderrLogDecision(bool Log, int Dropped, TimeSpan Over);
