namespace SshKeep.Logging;

/// <param name="Dropped">Lines not logged that are to be reported now (before this line), 0 for none.</param>
/// <param name="Over">The time those lines came in: from the first of them (or the window's start) to now.</param>
internal readonly record struct LogLimitDecision(bool Log, int Dropped, TimeSpan Over);
